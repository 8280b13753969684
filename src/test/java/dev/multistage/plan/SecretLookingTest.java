package dev.multistage.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretLookingTest {
  @Test
  void namesThatSaySecretAreFlaggedWhateverTheValue() {
    for (String key : List.of("DB_PASSWORD", "db.passwd", "CLIENT_SECRET", "GITHUB_TOKEN", "STRIPE_API_KEY",
        "apikey", "SSH_PRIVATE_KEY", "GOOGLE_APPLICATION_CREDENTIALS", "AWS_ACCESS_KEY_ID")) {
      assertTrue(SecretLooking.why(key, "x").isPresent(), key);
    }
  }

  @Test
  void valuesThatLookLikeKeysAreFlaggedUnderAnyName() {
    assertEquals("its value is a PEM private key", SecretLooking.why("TLS",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow…\n-----END RSA PRIVATE KEY-----").orElseThrow());
    assertEquals("its value holds an AWS access key id",
        SecretLooking.why("AWS_ID", "AKIAIOSFODNN7EXAMPLE").orElseThrow());
    assertEquals("its value is a long random-looking string",
        SecretLooking.why("STRIPE", "sk_live_4eC39HqLyjWDarjtT1zdp7dc9Xq2").orElseThrow());
    assertEquals("its value is a long random-looking string",
        SecretLooking.why("GH", "3f9c2a7be41d08c5f6a9e2b7d4c1f0a8e5b3c9d2").orElseThrow());
  }

  @Test
  void ordinarySettingsAreNotFlagged() {
    Map<String, String> env = Map.of("APP_MODE", "production", "LOG_FORMAT", "json",
        "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Dfile.encoding=UTF-8",
        "DB_URL", "jdbc:postgresql://db.internal:5432/shop", "CONFIG_DIR", "/app/config/production-eu-west-1",
        "FEATURE_FLAGS", "checkout_v2_enabled_for_all", "PROFILE", "MyApplicationConfigurationV2Prod");

    env.forEach((k, v) -> assertFalse(SecretLooking.why(k, v).isPresent(), k + "=" + v));
  }

  @Test
  void anEmptyValueOrAFileThatHoldsTheSecretIsNotASecret() {
    assertFalse(SecretLooking.why("DB_PASSWORD", "").isPresent());
    assertFalse(SecretLooking.why("DB_PASSWORD_FILE", "/run/secrets/db-password").isPresent());
    assertTrue(SecretLooking.why("DB_PASSWORD_FILE", "hunter2").isPresent(), "a _FILE name with a value in it");
  }

  @Test
  void warningNamesTheKeyAndTheFixButNeverTheValue() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("APP_MODE", "production");
    env.put("DB_PASSWORD", "hunter2-very-secret");

    List<String> warnings = SecretLooking.warnings(env);

    assertEquals(1, warnings.size(), warnings::toString);
    String w = warnings.get(0);
    assertTrue(w.startsWith("environment: DB_PASSWORD looks like a secret (its name contains PASSWORD)"), w);
    assertTrue(w.contains("readable by anyone who can pull the image") && w.contains("at run time")
        && w.contains("secret store"), w);
    assertFalse(w.contains("hunter2"), w);
  }

  @Test
  void maskedReplacesOnlySecretLookingValues() {
    assertEquals(Map.of("APP_MODE", "production", "API_TOKEN", SecretLooking.MASK),
        SecretLooking.masked(Map.of("APP_MODE", "production", "API_TOKEN", "abc")));
  }
}
