package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multistage.builder.LinkedRuntimeCheck.MissingModule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StartUpOutputTest {

  @Test
  void readsTheMissingModuleFromEveryFormTheOutputTakes() {
    StartUpOutput output = new StartUpOutput();
    List.of(
        "Exception in thread \"main\" java.lang.NoClassDefFoundError: java/sql/Date",
        "Caused by: java.lang.ClassNotFoundException: javax.naming.InitialContext",
        "org.springframework.beans.factory.BeanCreationException: nested exception is"
            + " java.lang.NoClassDefFoundError: java/beans/Introspector",
        "java.lang.TypeNotPresentException: Type java.awt.Image not present",
        "Caused by: java.lang.NoClassDefFoundError: Could not initialize class java.sql.DriverManager",
        "java.lang.ClassNotFoundException: java.lang.ScopedValue",
        "java.lang.ClassNotFoundException: com.example.Missing",
        "Error occurred during initialization of boot layer",
        "java.lang.module.FindException: Module jdk.incubator.vector not found",
        "java.lang.module.FindException: Module jakarta.cdi not found, required by jakarta.transaction",
        "WARNING: Unknown module: java.management specified to --add-opens").forEach(output::add);

    assertEquals(List.of(new MissingModule("java.sql", "java.sql.Date"),
        new MissingModule("java.naming", "javax.naming.InitialContext"),
        new MissingModule("java.desktop", "java.beans.Introspector"),
        new MissingModule("java.desktop", "java.awt.Image"),
        new MissingModule("jdk.incubator.vector", "module jdk.incubator.vector"),
        new MissingModule("java.management", "module java.management")),
        output.missingModules(Set.of("java.base"), LinkedRuntimeCheckTest.MODULE_OF));
  }

  @Test
  void modulesAlreadyLinkedAreNotReported() {
    StartUpOutput output = new StartUpOutput();
    output.add("java.lang.ClassNotFoundException: java.sql.NoSuchDriverClass");

    assertEquals(List.of(), output.missingModules(Set.of("java.base", "java.sql"), LinkedRuntimeCheckTest.MODULE_OF));
  }

  @Test
  void keepsTheLastLinesAndEveryMatchingLineInBoundedMemory() {
    String early = "Caused by: java.lang.ClassNotFoundException: java.sql.Date";
    String text = early + "\r\n" + "x".repeat(1_000_000) + "\n"
        + IntStream.range(0, 1000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    StartUpOutput output = new StartUpOutput();

    output.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

    assertEquals(200, output.tail().size());
    assertEquals("line 800", output.tail().get(0));
    assertEquals("line 999", output.tail().get(199));
    assertEquals(List.of(new MissingModule("java.sql", "java.sql.Date")),
        output.missingModules(Set.of("java.base"), LinkedRuntimeCheckTest.MODULE_OF));
  }

  @Test
  void cutsOverLongLines() {
    StartUpOutput output = new StartUpOutput();

    output.read(new ByteArrayInputStream(("y".repeat(5000) + "\nend").getBytes(StandardCharsets.UTF_8)));

    assertEquals(List.of("y".repeat(2000), "end"), output.tail());
  }
}
