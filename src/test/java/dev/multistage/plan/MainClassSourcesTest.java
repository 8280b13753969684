package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainClassSourcesTest {
  private static final Optional<String> NONE = Optional.empty();

  @Test
  void theConfiguredMainClassWinsOverWhatThePomDeclares() {
    assertEquals(Optional.of("com.example.App"), new MainClassSources(Optional.of(" com.example.App "),
        Optional.of("com.example.Jar"), Optional.of("com.example.Start"), NONE, false).declared());
    assertEquals(Optional.of("com.example.Jar"),
        new MainClassSources(Optional.of(" "), Optional.of("com.example.Jar"), NONE, NONE, false).declared());
  }

  @Test
  void thenTheJarManifestThenStartClassThenTheSpringBootPlugin() {
    Optional<String> jar = Optional.of("com.example.Jar");
    Optional<String> start = Optional.of("com.example.Start");
    Optional<String> boot = Optional.of("com.example.Boot");
    assertEquals(jar, new MainClassSources(NONE, jar, start, boot, false).declared());
    assertEquals(start, new MainClassSources(NONE, NONE, start, boot, false).declared());
    assertEquals(boot, new MainClassSources(NONE, NONE, NONE, boot, false).declared());
  }

  @Test
  void anUnresolvedOrBlankPluginValueNamesNoClass() {
    assertEquals(Optional.of("com.example.Boot"), new MainClassSources(NONE, Optional.of("${start-class}"),
        NONE, Optional.of(" com.example.Boot "), false).declared());
    assertEquals(NONE, new MainClassSources(NONE, Optional.of(" "), NONE, Optional.of("${main}"), false).declared());
  }

  @Test
  void isEmptyWhenNothingIsDeclaredSoTheClassesAreSearched() {
    assertEquals(NONE, new MainClassSources(NONE, NONE, NONE, NONE, false).declared());
  }

  @Test
  void aQuarkusFastJarRunsQuarkusRunnerUnlessTheUserNamesAClass() {
    Optional<String> jar = Optional.of("com.example.Jar");
    assertEquals(Optional.of(QuarkusFastJar.MAIN_CLASS), new MainClassSources(NONE, jar, NONE, NONE, true).declared());
    assertEquals(Optional.of("com.example.Own"),
        new MainClassSources(Optional.of("com.example.Own"), jar, NONE, NONE, true).declared());
  }
}
