package dev.multistage.check;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** One job of the check: looks at an image and reports what its rules find. */
interface Inspection {

  /** The rules this inspection reports; when every one is skipped, it does not run at all. */
  Set<Rule> rules();

  List<Finding> inspect(ImageFacts facts) throws IOException;
}
