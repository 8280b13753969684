package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainClassSourcesTest {
  private static final Optional<String> NONE = Optional.empty();

  @Test
  void theConfiguredMainClassWinsOverEverythingEvenQuarkus() {
    assertEquals(Optional.of("com.example.App"), new MainClassSources(Optional.of(" com.example.App "), true,
        Optional.of("com.example.Jar"), Optional.of("com.example.Start"), NONE).declared());
  }

  @Test
  void aQuarkusFastJarRunsQuarkusEntryPointOverWhatThePomDeclares() {
    assertEquals(Optional.of(QuarkusFastJar.MAIN_CLASS),
        new MainClassSources(Optional.of(" "), true, Optional.of("com.example.Jar"), NONE, NONE).declared());
  }

  @Test
  void thenTheJarManifestThenStartClassThenTheSpringBootPlugin() {
    Optional<String> jar = Optional.of("com.example.Jar");
    Optional<String> start = Optional.of("com.example.Start");
    Optional<String> boot = Optional.of("com.example.Boot");
    assertEquals(jar, new MainClassSources(NONE, false, jar, start, boot).declared());
    assertEquals(start, new MainClassSources(NONE, false, NONE, start, boot).declared());
    assertEquals(boot, new MainClassSources(NONE, false, NONE, NONE, boot).declared());
  }

  @Test
  void anUnresolvedOrBlankPluginValueNamesNoClass() {
    assertEquals(Optional.of("com.example.Boot"), new MainClassSources(NONE, false, Optional.of("${start-class}"),
        NONE, Optional.of(" com.example.Boot ")).declared());
    assertEquals(NONE, new MainClassSources(NONE, false, Optional.of(" "), NONE, Optional.of("${main}")).declared());
  }

  @Test
  void isEmptyWhenNothingIsDeclaredSoTheClassesAreSearched() {
    assertEquals(NONE, new MainClassSources(NONE, false, NONE, NONE, NONE).declared());
  }
}
