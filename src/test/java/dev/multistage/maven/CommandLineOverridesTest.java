package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multistage.plan.InvalidParameterException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.plugin.descriptor.DuplicateParameterException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.junit.jupiter.api.Test;

/** How a command-line value is converted and set over what the pom configured, field type by field type. */
class CommandLineOverridesTest {
  /** What Maven injected from a pom that sets every parameter. */
  static class Configured {
    String to = "ghcr.io/acme/shop";
    boolean push = true;
    List<String> args = List.of("--from-pom");
    File outputDirectory = new File("/pom/out");
    Map<String, String> registryMirrors = Map.of("docker.io", "pom-mirror");
    Healthcheck healthcheck;
    Check check;
  }

  private final List<String> log = new ArrayList<>();

  @Test
  void commaSeparatedListReplacesThePomsListTrimmed() throws Exception {
    Configured mojo = apply("multistage.args", "--a, --b ,--c");

    assertEquals(List.of("--a", "--b", "--c"), mojo.args);
  }

  @Test
  void booleanStringAndRelativeFileAreConvertedAsMavenDoes() throws Exception {
    Configured mojo = apply("multistage.push", "FALSE", "multistage.to", "ci/shop",
        "multistage.outputDirectory", "images");

    assertEquals(false, mojo.push);
    assertEquals("ci/shop", mojo.to);
    assertEquals(new File("/project", "images"), mojo.outputDirectory);
  }

  @Test
  void nestedFieldCreatesTheNestedParameterWhenThePomHasNone() throws Exception {
    Configured mojo = apply("multistage.healthcheck.path", "/live", "multistage.healthcheck.enabled", "true");

    assertEquals("/live", mojo.healthcheck.path);
    assertEquals(Boolean.TRUE, mojo.healthcheck.enabled);
    assertNull(mojo.healthcheck.interval, "fields the command line does not name stay unset");
  }

  @Test
  void theCheckGoalsNestedFieldsTakeTheirPropertiesButAListOfElementsIsLeftToThePom() throws Exception {
    Configured mojo = apply("multistage.check.failOn", "critical", "multistage.check.skip", "setuid-file",
        "multistage.check.image", "tar:other.tar", "multistage.check.suppressions", "setuid-file");

    assertEquals("critical", mojo.check.failOn);
    assertEquals("setuid-file", mojo.check.skip);
    assertEquals("tar:other.tar", mojo.check.image);
    assertNull(mojo.check.suppressions, "a suppression needs a reason: it has no property");
  }

  @Test
  void parameterWithoutAPropertyIsLeftAlone() throws Exception {
    Configured mojo = apply("multistage.registryMirrors", "docker.io=cli-mirror");

    assertEquals(Map.of("docker.io", "pom-mirror"), mojo.registryMirrors);
  }

  @Test
  void onlyAChangedValueIsLoggedAsAnOverride() throws Exception {
    apply("multistage.to", "ghcr.io/acme/shop", "multistage.push", "false");

    assertEquals(List.of("multistage: -Dmultistage.push on the command line wins over <push> in the pom."), log);
  }

  @Test
  void unreadableBooleanFailsNamingTheParameter() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> apply("multistage.push", "yes"));

    assertEquals("<push>: 'yes' is not true or false. Fix: set -Dmultistage.push=true or =false.", e.getMessage());
  }

  private Configured apply(String... commandLine) throws DuplicateParameterException {
    Properties properties = new Properties();
    for (int i = 0; i < commandLine.length; i += 2) {
      properties.setProperty(commandLine[i], commandLine[i + 1]);
    }
    MojoDescriptor descriptor = new MojoDescriptor();
    for (String name : List.of("to", "push", "args", "outputDirectory")) {
      descriptor.addParameter(parameter(name, "${multistage." + name + "}"));
    }
    descriptor.addParameter(parameter("registryMirrors", null));
    descriptor.addParameter(parameter("healthcheck", null));
    descriptor.addParameter(parameter("check", null));
    Configured mojo = new Configured();
    new CommandLineOverrides(properties, new File("/project"), log::add).apply(mojo, descriptor);
    return mojo;
  }

  private static Parameter parameter(String name, String expression) {
    Parameter p = new Parameter();
    p.setName(name);
    p.setExpression(expression);
    p.setEditable(true);
    return p;
  }
}
