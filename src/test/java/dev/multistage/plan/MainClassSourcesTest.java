package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainClassSourcesTest {
  private static final Optional<String> NONE = Optional.empty();

  @Test
  void theConfiguredMainClassWinsOverWhatThePomDeclares() {
    assertEquals(Optional.of("com.example.App"), new MainClassSources(Optional.of(" com.example.App "),
        Optional.of("com.example.Jar"), Optional.of("com.example.Start"), NONE).declared());
    assertEquals(Optional.of("com.example.Jar"),
        new MainClassSources(Optional.of(" "), Optional.of("com.example.Jar"), NONE, NONE).declared());
  }

  @Test
  void thenTheJarManifestThenStartClassThenTheSpringBootPlugin() {
    Optional<String> jar = Optional.of("com.example.Jar");
    Optional<String> start = Optional.of("com.example.Start");
    Optional<String> boot = Optional.of("com.example.Boot");
    assertEquals(jar, new MainClassSources(NONE, jar, start, boot).declared());
    assertEquals(start, new MainClassSources(NONE, NONE, start, boot).declared());
    assertEquals(boot, new MainClassSources(NONE, NONE, NONE, boot).declared());
  }

  @Test
  void anUnresolvedOrBlankPluginValueNamesNoClass() {
    assertEquals(Optional.of("com.example.Boot"), new MainClassSources(NONE, Optional.of("${start-class}"),
        NONE, Optional.of(" com.example.Boot ")).declared());
    assertEquals(NONE, new MainClassSources(NONE, Optional.of(" "), NONE, Optional.of("${main}")).declared());
  }

  @Test
  void isEmptyWhenNothingIsDeclaredSoTheClassesAreSearched() {
    assertEquals(NONE, new MainClassSources(NONE, NONE, NONE, NONE).declared());
  }
}
