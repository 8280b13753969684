package dev.multistage.check;

import dev.multistage.layer.BaseFilesystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules read about one image, read once: the image, the filesystem its layers add up to (a file a later
 * layer deleted is not in it) and the user it runs as.
 *
 * @param user empty when the config names a user that /etc/passwd or /etc/group do not have
 */
record ImageFacts(CheckedImage image, BaseFilesystem files, Optional<AppUser> user) {

  static ImageFacts read(CheckedImage image) throws IOException {
    BaseFilesystem files = BaseFilesystem.read(image.layers(), Set.of("/etc/passwd", "/etc/group"));
    Optional<AppUser> user = AppUser.resolve(image.config().user().orElse(""), text(files, "/etc/passwd"),
        text(files, "/etc/group"));
    return new ImageFacts(image, files, user);
  }

  private static Optional<String> text(BaseFilesystem files, String path) {
    return files.content(path).map(b -> new String(b, StandardCharsets.UTF_8));
  }
}
