package dev.multistage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The goal help that maven-plugin-plugin generates from the javadoc (plugin.xml, which {@code mvn multistage:help
 * -Ddetail} prints): nested parameters are documented field by field, and examples survive.
 */
class GeneratedHelpTest {

  @Test
  void healthcheckHelpNamesEveryFieldWithItsUserProperty() throws Exception {
    String help = description("image", "healthcheck");

    for (Field field : Healthcheck.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        assertTrue(help.contains(field.getName() + " (multistage.healthcheck." + field.getName() + ")"),
            () -> field.getName() + " is missing from: " + help);
      }
    }
  }

  @Test
  void checkHelpNamesEveryFieldWithItsUserPropertyAndTheSuppressionExample() throws Exception {
    String help = description("check", "check");

    for (Field field : Check.class.getDeclaredFields()) {
      if (!field.getName().equals("suppressions")) {
        assertTrue(help.contains(field.getName() + " (multistage.check." + field.getName() + ")"),
            () -> field.getName() + " is missing from: " + help);
      }
    }
    assertTrue(help.contains("<suppression><rule>setuid-file</rule><reason>"), help);
  }

  @Test
  void checkRunsAtVerifyUnlessBoundElsewhere() throws Exception {
    assertEquals("verify", text(mojo("check"), "phase"));
  }

  @Test
  void registryMirrorsHelpKeepsItsXmlExample() throws Exception {
    assertTrue(description("image", "registryMirrors").contains(
        "<registryMirrors><docker.io>mirror.example.com</docker.io></registryMirrors>"));
  }

  private static String description(String goal, String parameter) throws Exception {
    NodeList parameters = mojo(goal).getElementsByTagName("parameter");
    for (int j = 0; j < parameters.getLength(); j++) {
      Element p = (Element) parameters.item(j);
      if (text(p, "name").equals(parameter)) {
        return text(p, "description");
      }
    }
    throw new AssertionError(goal + " has no parameter " + parameter);
  }

  private static Element mojo(String goal) throws Exception {
    Document plugin;
    try (InputStream in = GeneratedHelpTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      assertNotNull(in, "plugin.xml is generated into target/classes before the tests run");
      plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    NodeList mojos = plugin.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      if (text(mojo, "goal").equals(goal)) {
        return mojo;
      }
    }
    throw new AssertionError("no goal " + goal);
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }
}
