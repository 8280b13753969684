package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocaleChoiceTest {
  @TempDir
  Path classes;

  @Test
  void keepsTheLocalesOfTheApplicationsBundlesAndLocaleConstantsWithEnglish() throws IOException {
    Files.createDirectories(classes.resolve("i18n"));
    for (String f : List.of("messages.properties", "messages_de.properties", "i18n/labels_pt_BR.properties",
        "application_prod.properties", "notes_xx.properties")) {
      Files.writeString(classes.resolve(f), "");
    }
    LocaleChoice.Choice choice = LocaleChoice.choose(List.of(), List.of(classes), List.of("ko"));
    assertEquals(Set.of("de", "en", "ko", "pt"), choice.locales(), "prod and xx are not languages");
  }

  @Test
  void keepsAllWhenTheApplicationNamesNoneOrBuildsOneFromATag() {
    assertEquals(Set.of(), LocaleChoice.choose(List.of(), List.of(classes), List.of()).locales());
    assertEquals(Set.of(), LocaleChoice.choose(List.of(), List.of(classes), List.of("de", "*")).locales());
  }

  @Test
  void theUsersListOrStarWins() {
    assertEquals(Set.of("en", "fr"), LocaleChoice.choose(List.of("fr"), List.of(classes), List.of("de")).locales());
    assertEquals(Set.of(), LocaleChoice.choose(List.of("*"), List.of(classes), List.of("de")).locales());
  }
}
