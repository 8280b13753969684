package dev.multistage.maven;

import dev.multistage.check.CheckPlan;
import dev.multistage.check.CheckPolicy;
import dev.multistage.check.CheckReport;
import dev.multistage.check.CheckSubject;
import dev.multistage.engine.ImageCheck;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.ImageName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the image the {@code image} goal built ({@code image.tar}, or the {@code index/} layout of a multi-platform
 * build), or the image {@code check.image} names, against the hardening rules of docs/check.md: a numeric non-root
 * user in /etc/passwd, a base pinned by digest, a healthcheck, the configured platform, no build tools or package
 * caches, no secrets in the config or in any layer, no setuid/setgid or world-writable files, application files the
 * user can read, and run-time writes that work under a read-only root. Prints a table, writes {@code check.json},
 * {@code check.sarif} (SARIF 2.1.0, for code-scanning UIs) and a section of {@code report.html}, then fails the
 * build on findings at {@code check.failOn} or above. Runs at {@code verify} when added to the executions.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractPullMojo {

  /**
   * The policy, a nested element, e.g.
   * <pre>{@code <check>
   *   <failOn>medium</failOn>
   *   <skip>package-cache</skip>
   *   <suppressions>
   *     <suppression><rule>setuid-file</rule><reason>runs with no-new-privileges</reason></suppression>
   *   </suppressions>
   * </check>}</pre>
   * Each field but {@code suppressions} is also a user property, and one on the command line wins over the pom:
   * <ul>
   * <li>{@code image} ({@code multistage.check.image}): the image to check instead of the one the image goal built:
   * {@code registry/repository[:tag][@sha256:…]}, {@code tar:file} or {@code oci:directory}.</li>
   * <li>{@code failOn} ({@code multistage.check.failOn}): the lowest severity that fails the build: {@code low},
   * {@code medium}, {@code high} (default) or {@code critical}; {@code none} only reports.</li>
   * <li>{@code skip} ({@code multistage.check.skip}): rule ids not to run, comma-separated.</li>
   * <li>{@code suppressions}: rules whose findings are shown but accepted, each with a required {@code reason}
   * that check.json, check.sarif and report.html show. Set in the pom only.</li>
   * </ul>
   * An unknown rule id, a suppression without a reason or an unknown severity fails before any image is read.
   */
  @Parameter
  Check check;

  /** Fail the build when the check finds problems at {@code failOn} or above; the outputs are written first. */
  @Override
  void run() throws IOException, MojoFailureException {
    CheckPlan plan = plan();
    CheckReport report = new ImageCheck(plan, registryOptions(), getLog()::info).run();
    if (!report.passed()) {
      throw new MojoFailureException(report.failureMessage());
    }
  }

  /** Every parameter read and checked, before any image is read. */
  CheckPlan plan() {
    Check c = check != null ? check : new Check();
    CheckPolicy policy = CheckPolicy.parse(setting(c.failOn, "failOn").orElse("high"),
        PlanFactory.csv(setting(c.skip, "skip").orElse(null)),
        c.suppressions == null ? List.of() : c.suppressions.stream()
            .map(s -> new dev.multistage.check.Suppression(s.rule, s.reason)).toList());
    Path basedir = project.getBasedir().toPath();
    Optional<String> image = setting(c.image, "image").filter(i -> !i.isBlank());
    CheckSubject subject = image.isPresent()
        ? new CheckSubject.Given(BaseSource.parse(image.get(), "check.image", basedir))
        : new CheckSubject.Built(outputDirectory.toPath(), builtReference());
    return new CheckPlan(subject, platformList(), policy,
        new CheckPlan.Directories(outputDirectory.toPath(), workDirectory(), cacheDirectory.toPath()), pulls(),
        new CheckPlan.Tool(pluginVersion(), pomUri()));
  }

  /** {@code to} with its first tag, as the image goal names the image it builds. */
  private String builtReference() {
    ImageName name = imageName();
    return name.repository() + (name.tags().isEmpty() ? "" : ":" + name.tags().get(0));
  }

  private Optional<String> setting(String configured, String field) {
    return Optional.ofNullable(configured != null ? configured : property("multistage.check." + field));
  }

  private String pluginVersion() {
    return mojoExecution == null ? "unknown" : mojoExecution.getMojoDescriptor().getPluginDescriptor().getVersion();
  }

  /** The pom, relative to where Maven was started (the repository root, usually), for check.sarif's locations. */
  private String pomUri() {
    Path pom = project.getFile() == null ? Path.of("pom.xml") : project.getFile().toPath().toAbsolutePath();
    String root = session.getExecutionRootDirectory();
    if (root != null && pom.startsWith(Path.of(root).toAbsolutePath())) {
      return Path.of(root).toAbsolutePath().relativize(pom).toString().replace('\\', '/');
    }
    return pom.getFileName().toString();
  }

  @Override
  String failure() {
    return "the image could not be checked";
  }
}
