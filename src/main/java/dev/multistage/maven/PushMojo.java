package dev.multistage.maven;

import dev.multistage.engine.ImagePush;
import dev.multistage.plan.ImageName;
import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Pushes the image that the {@code image} goal wrote to {@code outputDirectory/image.tar} — as it is, no rebuild,
 * same digest — to {@code to} under every tag. Only blobs the registry lacks are uploaded; the manifest goes last,
 * so a failed push never leaves a tag pointing at an incomplete image. Writes {@code image-digest} and
 * {@code image.json} (reference, digest, tags, pushed references) for later CI steps.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractImageMojo {

  @Override
  void run() throws IOException {
    ImageName name = imageName();
    new ImagePush(registryOptions(), getLog()::info)
        .pushBuilt(outputDirectory.toPath(), name.repository(), name.tags(), workDirectory());
  }

  @Override
  String failure() {
    return "the image could not be pushed";
  }
}
