package dev.multistage.check;

import dev.multistage.layer.BaseFilesystem.Entry;
import dev.multistage.layer.BaseFilesystem.Type;
import dev.multistage.layer.LayerWalk;
import dev.multistage.plan.SecretLooking;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credential files in any layer — also one a later layer deletes, since the blob that added it still holds it and
 * anyone who pulls the image can read it.
 */
final class SecretFiles implements Inspection {
  /** How much of a named credential file is read, and how much of every other file is searched for a PEM key. */
  private static final int NAMED_BYTES = 64 * 1024;
  private static final int PEEK_BYTES = 4096;
  private static final Set<String> SSH_KEYS = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519");
  private static final Set<String> ENV_EXAMPLES = Set.of("example", "sample", "template", "dist", "defaults");
  private static final Pattern PEM_KEY = Pattern.compile("(?m)^-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----\\s*$");
  private static final Pattern ENV_LINE = Pattern.compile(
      "(?m)^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*['\"]?([^'\"\\r\\n]*)");

  @Override
  public Set<Rule> rules() {
    return Set.of(Rule.SECRET_FILE);
  }

  @Override
  public List<Finding> inspect(ImageFacts facts) throws IOException {
    List<Finding> found = new ArrayList<>();
    List<Path> layers = facts.image().layers();
    List<String> diffIds = facts.image().config().diffIds();
    for (int i = 0; i < layers.size(); i++) {
      String layer = "layer " + (i + 1) + " of " + layers.size() + (i < diffIds.size() ? " (" + shortId(diffIds.get(i))
          + ")" : "");
      LayerWalk.walk(layers.get(i), (entry, body) -> secret(entry, body).ifPresent(what -> found.add(
          new Finding(Rule.SECRET_FILE, entry.path() + " in " + layer + " " + what
              + (facts.files().exists(entry.path()) ? "." : "; a later layer deletes it, but " + layer
                  + " still holds it."), entry.path()))));
    }
    return found;
  }

  /** {@code sha256:0123456789ab…}: enough of a diff_id to find the layer. */
  private static String shortId(String diffId) {
    return diffId.length() > 19 ? diffId.substring(0, 19) + "…" : diffId;
  }

  /** What makes the file a credential ("is an SSH private key"), or empty. */
  static Optional<String> secret(Entry entry, InputStream body) throws IOException {
    if (entry.type() != Type.FILE) {
      return Optional.empty();
    }
    String path = entry.path();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (SSH_KEYS.contains(name)) {
      return Optional.of("is an SSH private key");
    }
    boolean named = name.equals(".env") || name.startsWith(".env.") || name.equals(".npmrc")
        || name.equals(".git-credentials") || name.equals("settings-security.xml") || name.equals(".netrc")
        || name.equals(".pypirc") || path.endsWith("/.aws/credentials") || path.endsWith("/.docker/config.json");
    String text = new String(body.readNBytes(named ? NAMED_BYTES : PEEK_BYTES), StandardCharsets.ISO_8859_1);
    if (PEM_KEY.matcher(text).find()) {
      return Optional.of("holds a PEM private key");
    }
    if (!named) {
      return Optional.empty();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (name.equals(".env") || name.startsWith(".env.")) {
      return ENV_EXAMPLES.contains(name.substring(Math.min(name.length(), 5))) ? Optional.empty() : envSecret(text);
    }
    if (name.equals(".npmrc")) {
      return lower.contains("_auth") || lower.contains("_password") ? Optional.of("holds a registry token")
          : Optional.empty();
    }
    if (name.equals(".pypirc") || name.equals(".netrc")) {
      return lower.contains("password") ? Optional.of("holds a password") : Optional.empty();
    }
    if (path.endsWith("/.docker/config.json")) {
      return lower.contains("\"auth\"") ? Optional.of("holds registry credentials") : Optional.empty();
    }
    if (name.equals("settings-security.xml")) {
      return lower.contains("<master>") ? Optional.of("holds Maven's master password") : Optional.empty();
    }
    return text.isBlank() ? Optional.empty() : Optional.of("holds credentials");
  }

  /** A .env holds a secret when one of its variables looks like one; the name only, never the value. */
  private static Optional<String> envSecret(String text) {
    Matcher line = ENV_LINE.matcher(text);
    while (line.find()) {
      String key = line.group(1);
      Optional<String> why = SecretLooking.why(key, line.group(2).trim());
      if (why.isPresent()) {
        return Optional.of("sets " + key + ", which looks like a secret (" + why.get() + ")");
      }
    }
    return Optional.empty();
  }
}
