package dev.multistage.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multistage.image.ImageConfig;
import dev.multistage.plan.ContainerSettings;
import dev.multistage.plan.SecretLooking;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the container runs, for the report's image section: the command, the working directory, and what the user
 * added (environment with secret-looking values masked, volumes, labels, extra files).
 *
 * @param entrypoint the image's entrypoint, generated or the user's
 * @param customEntrypoint whether {@code entrypoint} is the user's
 * @param environment the user's variables; values of secret-looking ones are {@value SecretLooking#MASK}
 * @param labels the user's labels (the automatic OCI labels are left out)
 * @param extraFiles how many files the {@code extra} layer holds
 */
public record ContainerSection(List<String> entrypoint, boolean customEntrypoint, List<String> cmd,
    String workingDirectory, Map<String, String> environment, List<String> volumes, Map<String, String> labels,
    int extraFiles) {

  public ContainerSection {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    volumes = List.copyOf(volumes);
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
  }

  public static ContainerSection of(ContainerSettings settings, ImageConfig config, int extraFiles) {
    return new ContainerSection(config.entrypoint(), !settings.entrypoint().isEmpty(), config.cmd(),
        settings.workingDir(), SecretLooking.masked(settings.environment()), settings.volumes(), settings.labels(),
        extraFiles);
  }

  void addTo(ObjectNode image) {
    strings(image.putArray("entrypoint"), entrypoint);
    strings(image.putArray("cmd"), cmd);
    image.put("workingDirectory", workingDirectory);
    ObjectNode env = image.putObject("environment");
    environment.forEach(env::put);
    strings(image.putArray("volumes"), volumes);
    ObjectNode l = image.putObject("labels");
    labels.forEach(l::put);
    image.put("extraFiles", extraFiles);
  }

  /** Label and text of each row the Markdown and HTML image tables show; what the user did not set is left out. */
  List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {customEntrypoint ? "entrypoint (configured)" : "entrypoint", String.join(" ", entrypoint)});
    if (!cmd.isEmpty()) {
      rows.add(new String[] {"cmd", String.join(" ", cmd)});
    }
    rows.add(new String[] {"working directory", workingDirectory});
    if (!environment.isEmpty()) {
      rows.add(new String[] {"environment", pairs(environment)});
    }
    if (!volumes.isEmpty()) {
      rows.add(new String[] {"volumes", String.join(", ", volumes)});
    }
    if (!labels.isEmpty()) {
      rows.add(new String[] {"labels", pairs(labels)});
    }
    if (extraFiles > 0) {
      rows.add(new String[] {"extra files", Integer.toString(extraFiles)});
    }
    return rows;
  }

  /** The build log's lines: only what the user configured, the generated command is long and always the same. */
  List<String> consoleLines() {
    return rows().stream().filter(r -> !r[0].equals("entrypoint") && !r[0].equals("cmd")
        && !(r[0].equals("working directory") && workingDirectory.equals(ContainerSettings.APP_ROOT)))
        .map(r -> "  " + r[0] + ": " + r[1]).toList();
  }

  private static String pairs(Map<String, String> map) {
    return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
