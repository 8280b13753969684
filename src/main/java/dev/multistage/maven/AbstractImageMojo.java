package dev.multistage.maven;

import dev.multistage.plan.Durations;
import dev.multistage.plan.ImageName;
import dev.multistage.plan.InvalidParameterException;
import dev.multistage.plan.UnavailableException;
import dev.multistage.registry.RegistryOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters every goal that makes or ships the image shares — where it goes ({@code to}, {@code tags}), how
 * registries are reached, where the outputs are — and the skip and error handling around the goal's work.
 */
abstract class AbstractImageMojo extends AbstractMojo {

  /**
   * Target repository: {@code [registry-host[:port]/]repository}, the repository in lowercase
   * ({@code ghcr.io/acme/shop}, {@code 127.0.0.1:5000/shop}). A tag written here ({@code ghcr.io/acme/shop:1.0}) is
   * the image's first tag, as Jib's {@code to.image}; a digest is refused. Checked before any work.
   */
  @Parameter(property = "multistage.to", defaultValue = "${project.artifactId}")
  String to;

  /**
   * Comma-separated tags. Default: {@code ${project.version}}, unless {@code to} has a tag; with a tag in
   * {@code to}, these follow it.
   */
  @Parameter(property = "multistage.tags")
  String tags;

  /**
   * Allow plain HTTP and unverified TLS to registries. Opt-in only, and logged. A registry with a private CA does
   * not need this: make the JVM trust it ({@code -Djavax.net.ssl.trustStore}, see docs/ci.md).
   */
  @Parameter(property = "multistage.allowInsecureRegistries", defaultValue = "false")
  boolean allowInsecureRegistries;

  /**
   * How long one registry operation — a manifest, a blob, of a pull or a push — keeps retrying transient failures
   * before the build fails: HTTP 5xx and 429 (its {@code Retry-After} honoured), connection resets and refusals,
   * timeouts, with exponential backoff and jitter, each retry logged with its reason and wait. {@code 60s},
   * {@code 2m}, {@code 1m30s}; {@code 0} for no retries. What retrying cannot fix (401, 403, 400, a missing manifest,
   * an unknown host, TLS) fails at once.
   */
  @Parameter(property = "multistage.registryRetryBudget", defaultValue = "60s")
  String registryRetryBudget;

  /** Skip this goal. */
  @Parameter(property = "multistage.skip", defaultValue = "false")
  boolean skip;

  /** Where outputs go. */
  @Parameter(property = "multistage.outputDirectory", defaultValue = "${project.build.directory}/multistage")
  File outputDirectory;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  MojoExecution mojoExecution;

  /** Decrypts {@code {…}} passwords of settings.xml servers with the master password of settings-security.xml. */
  @Component
  SettingsDecrypter settingsDecrypter;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    applyCommandLine();
    if (skip) {
      getLog().info("multistage: skipped (multistage.skip=true)");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("multistage: skipped for packaging pom");
      return;
    }
    try {
      run();
    } catch (InvalidParameterException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (UnavailableException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("multistage: " + failure() + ": " + e.getMessage(), e);
    }
  }

  /** {@code -Dmultistage.X} given on the command line wins over {@code <X>} in the pom (see docs/configuration.md). */
  void applyCommandLine() throws MojoFailureException {
    try {
      if (mojoExecution != null) {
        new CommandLineOverrides(session.getUserProperties(), project.getBasedir(), getLog()::info)
            .apply(this, mojoExecution.getMojoDescriptor());
      }
    } catch (InvalidParameterException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** The goal's work, once skipping has been ruled out. */
  abstract void run() throws IOException, MojoFailureException;

  /** What could not be done, for an unexpected I/O error: "the image could not be built". */
  abstract String failure();

  /** Credentials from settings.xml (decrypted), logs, {@code allowInsecureRegistries} and the retry budget. */
  RegistryOptions registryOptions() {
    Duration budget = registryRetryBudget == null ? RegistryOptions.DEFAULT_RETRY_BUDGET
        : Durations.parse(registryRetryBudget, "registryRetryBudget");
    return new RegistrySettings(session, settingsDecrypter, allowInsecureRegistries, getLog()).options()
        .withRetryBudget(budget);
  }

  /** {@code to} and {@code tags} read and checked: the repository, and the tags with the one {@code to} may carry. */
  ImageName imageName() {
    return ImageName.parse(to, PlanFactory.csv(tags), project.getVersion());
  }

  /** A property as the plugin reads one: given on the command line ({@code -D}), else in the pom's properties. */
  String property(String name) {
    String value = session.getUserProperties().getProperty(name);
    return value != null ? value : project.getProperties().getProperty(name);
  }

  /** This project's scratch space beside the outputs. */
  Path workDirectory() {
    return Path.of(project.getBuild().getDirectory()).resolve("multistage-work");
  }
}
