package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepSummaryTest {

  @TempDir
  Path dir;

  @Test
  void withoutTheVariableNothingIsWritten() throws IOException {
    assertEquals(Optional.empty(), StepSummary.append(Reports.minimal(), Map.of()));
    assertEquals(Optional.empty(), StepSummary.append(Reports.minimal(), Map.of(StepSummary.VARIABLE, " ")));
    assertEquals(0, dir.toFile().list().length);
  }

  @Test
  void appendsTheMarkdownAfterWhatEarlierStepsWrote() throws IOException {
    Path summary = dir.resolve("summary.md");
    Files.writeString(summary, "# earlier step\n");
    Optional<Path> written = StepSummary.append(Reports.full(), Map.of(StepSummary.VARIABLE, summary.toString()));
    assertEquals(Optional.of(summary), written);
    assertEquals("# earlier step\n" + MarkdownReport.render(Reports.full()) + "\n", Files.readString(summary));
  }

  @Test
  void createsTheFileWhenTheStepHasNoneYet() throws IOException {
    Path summary = dir.resolve("new.md");
    assertFalse(Files.exists(summary));
    StepSummary.append(Reports.minimal(), Map.of(StepSummary.VARIABLE, summary.toString()));
    assertEquals(MarkdownReport.render(Reports.minimal()) + "\n", Files.readString(summary));
  }
}
