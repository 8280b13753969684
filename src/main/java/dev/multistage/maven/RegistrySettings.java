package dev.multistage.maven;

import dev.multistage.registry.RegistryCredential;
import dev.multistage.registry.RegistryOptions;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Registry options from Maven: the {@code <server>} entries of settings.xml whose id is a registry host (e.g.
 * {@code ghcr.io}, {@code 127.0.0.1:5000}) with their passwords decrypted ({@code mvn --encrypt-password}), the
 * log, and {@code allowInsecureRegistries}. No password is ever logged.
 */
final class RegistrySettings {
  private final MavenSession session;
  private final SettingsDecrypter decrypter; // null in tests that do not need one
  private final boolean allowInsecure;
  private final Log log;

  RegistrySettings(MavenSession session, SettingsDecrypter decrypter, boolean allowInsecure, Log log) {
    this.session = session;
    this.decrypter = decrypter;
    this.allowInsecure = allowInsecure;
    this.log = log;
  }

  RegistryOptions options() {
    if (allowInsecure) {
      log.warn("allowInsecureRegistries=true: plain HTTP and unverified TLS are allowed for registries.");
    }
    RegistryOptions options = RegistryOptions.defaults().withAllowInsecure(allowInsecure)
        .withLogs(log::info, log::debug);
    if (session == null || session.getSettings() == null) {
      return options;
    }
    for (Server server : session.getSettings().getServers()) {
      if (!isRegistryHost(server.getId()) || server.getUsername() == null || server.getPassword() == null) {
        continue;
      }
      Server usable = decrypted(server);
      if (usable != null) {
        options = options.withCredential(server.getId(), new RegistryCredential(usable.getUsername(),
            usable.getPassword()));
      }
    }
    return options;
  }

  /** The server with its password decrypted; null (and a warning) when it cannot be. */
  private Server decrypted(Server server) {
    if (decrypter == null) {
      return server;
    }
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
        log.warn("settings.xml server " + server.getId() + ": its password cannot be decrypted ("
            + problem.getMessage() + "), so it is not used. Check ~/.m2/settings-security.xml or "
            + "-Dsettings.security.");
        return null;
      }
    }
    return result.getServer();
  }

  /** Registry hosts have a dot or a port (or are localhost), unlike repository ids such as {@code central}. */
  static boolean isRegistryHost(String id) {
    return id != null && (id.contains(".") || id.contains(":") || id.equals("localhost"));
  }
}
