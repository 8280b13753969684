package dev.multistage.maven;

import dev.multistage.registry.RegistryCredential;
import dev.multistage.registry.RegistryOptions;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;

/**
 * Registry options from Maven: the {@code <server>} entries of settings.xml whose id is a registry host (e.g.
 * {@code ghcr.io}, {@code 127.0.0.1:5000}), and the log; {@code allowInsecureRegistries} is only logged here, the
 * plan carries it.
 */
final class RegistrySettings {
  private final MavenSession session;
  private final boolean allowInsecure;
  private final Log log;

  RegistrySettings(MavenSession session, boolean allowInsecure, Log log) {
    this.session = session;
    this.allowInsecure = allowInsecure;
    this.log = log;
  }

  RegistryOptions options() {
    if (allowInsecure) {
      log.warn("allowInsecureRegistries=true: plain HTTP and unverified TLS are allowed for registries.");
    }
    RegistryOptions options = RegistryOptions.defaults().withLogs(log::info, log::debug);
    if (session != null && session.getSettings() != null) {
      for (Server server : session.getSettings().getServers()) {
        if (server.getId() != null && server.getUsername() != null && server.getPassword() != null) {
          options = options.withCredential(server.getId(), new RegistryCredential(server.getUsername(),
              server.getPassword()));
        }
      }
    }
    return options;
  }
}
