package dev.multistage.check;

import static dev.multistage.check.Severity.CRITICAL;
import static dev.multistage.check.Severity.HIGH;
import static dev.multistage.check.Severity.LOW;
import static dev.multistage.check.Severity.MEDIUM;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every rule the {@code check} goal knows: its id, severity, what it looks for and how to fix what it finds. */
public enum Rule {
  USER_ROOT("user-root", HIGH,
      "The image runs as root: no User, uid 0 or the name root.",
      "run as a numeric non-root user, such as <user>1001:1001</user> (the image goal's default)."),
  USER_NOT_NUMERIC("user-not-numeric", HIGH,
      "The User is a name, which a runtime enforcing runAsNonRoot cannot verify, so it refuses to start it.",
      "set a numeric uid:gid, such as 1001:1001."),
  USER_WITHOUT_PASSWD_ENTRY("user-without-passwd-entry", MEDIUM,
      "The user has no /etc/passwd entry: no home directory, user.home is '?', and tools that look the user up fail.",
      "add the user to /etc/passwd (the image goal merges an app entry into the base's)."),
  BASE_UNPINNED("base-unpinned", HIGH,
      "The base image is recorded as a registry tag without a digest, so the same build can get another base.",
      "pin the base by digest (repository:tag@sha256:…); with requirePinnedBases, the default, the image goal "
          + "refuses a tag-only base and prints the reference to use."),
  BASE_UNRECORDED("base-unrecorded", LOW,
      "The image does not say what it was built on (no org.opencontainers.image.base.name label).",
      "label the image with org.opencontainers.image.base.name and base.digest (the image goal does)."),
  TAG_ONLY_REFERENCE("tag-only-reference", LOW,
      "The checked image was named by a tag alone: what the tag points to can change after the check.",
      "check and deploy the image by digest: repository@sha256:…"),
  HEALTHCHECK_MISSING("healthcheck-missing", HIGH,
      "The image has no HEALTHCHECK (or HEALTHCHECK NONE), so a runtime cannot tell a hung app from a healthy one.",
      "keep the image goal's healthcheck (<healthcheck><enabled>true</enabled></healthcheck>), or suppress this "
          + "rule with the reason when the orchestrator probes the app itself."),
  PLATFORM_MISSING("platform-missing", HIGH,
      "The image config does not say which os and architecture it is for.",
      "build with an explicit platform (<platforms>linux/amd64</platforms>)."),
  PLATFORM_MISMATCH("platform-mismatch", HIGH,
      "The image is for another platform than the configured ones, or lacks one of them.",
      "build for the configured <platforms>, or configure the platforms the image is meant for."),
  BUILD_TOOLS("build-tools", HIGH,
      "Build tools in the runtime image: javac, jar, jlink, jmods, a C compiler, make, mvn or gradle.",
      "leave the builder's tools in the builder stage: run on a JRE or jlinked runtime, on a base without them."),
  PACKAGE_CACHE("package-cache", MEDIUM,
      "Package-manager caches or build caches in the image: apt lists and archives, apk, yum/dnf, ~/.m2, ~/.gradle, "
          + "~/.npm.",
      "clean them in the layer that fills them (rm -rf /var/lib/apt/lists/*), or keep them in a builder stage."),
  SECRET_IN_CONFIG("secret-in-config", CRITICAL,
      "An environment variable or label that looks like a secret (a password, token, private key or cloud key): "
          + "the config is readable by anyone who can pull the image.",
      "pass secrets at run time (docker run -e, a Kubernetes Secret) or read them from a secret store."),
  SECRET_FILE("secret-file", CRITICAL,
      "A credential file in a layer: .env, an SSH private key, a PEM private key, .npmrc or .git-credentials with a "
          + "token, settings-security.xml, .aws/credentials. Deleting it in a later layer does not remove it from the "
          + "layer that added it.",
      "keep the file out of every layer (.dockerignore, a build secret mount) and rotate the credential."),
  SETUID_FILE("setuid-file", HIGH,
      "A file with the setuid or setgid bit: a way from the app's user to root or another group.",
      "remove the file or its setuid/setgid bit (chmod u-s,g-s) in the base, or run with no-new-privileges and "
          + "suppress this rule with that reason."),
  WORLD_WRITABLE("world-writable", MEDIUM,
      "A file or directory any user may write, outside /tmp and directories with the sticky bit (device nodes such "
          + "as /dev/null are meant to be).",
      "drop the write bit for others (chmod o-w); give the app user its own directory instead."),
  APP_FILE_UNREADABLE("app-file-unreadable", HIGH,
      "An application file (under the working directory or on the entrypoint's class path) that the image's user "
          + "cannot read, or a directory it cannot list: the app fails at start or later.",
      "make the file readable by the app user (mode 644, or owner app with 640 in <extraDirectories>)."),
  READ_ONLY_ROOT_WRITE("read-only-root-write", MEDIUM,
      "The app is told to write (temp dir, heap dumps, error file, GC or app log) to a path that is neither under "
          + "/tmp nor a declared volume, so it fails under a read-only root filesystem.",
      "point it under /tmp (mounted as a tmpfs) or declare the directory in <volumes>.");

  private final String id;
  private final Severity severity;
  private final String description;
  private final String fix;

  Rule(String id, Severity severity, String description, String fix) {
    this.id = id;
    this.severity = severity;
    this.description = description;
    this.fix = fix;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** What the rule looks for, in one or two sentences. */
  public String description() {
    return description;
  }

  /** What to do about a finding, starting lowercase as in the plugin's other messages. */
  public String fix() {
    return fix;
  }

  /** The rule with this id, exactly as written ({@code user-root}). */
  public static Optional<Rule> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }

  /** Every id, comma-separated, for messages. */
  static String ids() {
    return Arrays.stream(values()).map(Rule::id).collect(Collectors.joining(", "));
  }
}
