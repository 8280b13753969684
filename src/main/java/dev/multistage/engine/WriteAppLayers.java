package dev.multistage.engine;

import dev.multistage.image.Layer;
import dev.multistage.layer.LayerCache;
import dev.multistage.layer.LayerEntry;
import dev.multistage.plan.ContainerSettings;
import dev.multistage.plan.LayerPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Step: writes the application layers (dependencies … classes), once for every platform — they hold the same
 * files on each — while the bases are still being pulled and linked.
 */
final class WriteAppLayers {
  private WriteAppLayers() {}

  /** The non-empty application layers, by name, in the plan's order. */
  static Map<String, Layer> write(List<LayerPlan> plans, String workingDir, LayerCache cache) throws IOException {
    Map<String, Layer> layers = new LinkedHashMap<>();
    for (LayerPlan app : plans) {
      if (!app.isEmpty()) {
        layers.put(app.name(), LayerFiles.written(app.name(), entries(app, workingDir), cache));
      }
    }
    return layers;
  }

  /** Files of an application layer, root-owned and read-only, with the directories under the application root. */
  static List<LayerEntry> entries(LayerPlan app, String workingDir) {
    TreeSet<String> dirs = new TreeSet<>();
    if (!workingDir.equals(ContainerSettings.APP_ROOT)) {
      dirs.add(ContainerSettings.APP_ROOT); // else the user layer makes it, owned by the user
    }
    List<LayerEntry> entries = new ArrayList<>();
    for (LayerPlan.AppFile f : app.files()) {
      for (String d = parent(f.target()); d.startsWith(ContainerSettings.APP_ROOT + "/"); d = parent(d)) {
        dirs.add(d);
      }
      int mode = Files.isExecutable(f.source()) && !f.target().endsWith(".jar") ? 0755 : 0644;
      entries.add(new LayerEntry.File(f.target(), f.source(), mode, 0, 0));
    }
    dirs.forEach(d -> entries.add(new LayerEntry.Directory(d, 0755, 0, 0)));
    return entries;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
