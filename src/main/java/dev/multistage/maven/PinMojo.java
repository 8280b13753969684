package dev.multistage.maven;

import dev.multistage.engine.BasePins;
import dev.multistage.plan.BaseSource;
import dev.multistage.plan.Platform;
import dev.multistage.plan.Presets;
import dev.multistage.registry.BlobCache;
import dev.multistage.registry.RegistryImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Resolves every base the configuration names — {@code runtimeImage}, the JRE base it falls back to and
 * {@code builderImage}, from the {@code runtime} preset where not set — to {@code tag@sha256:<index digest>}, and
 * prints the pinned references with the platforms each offers. A base pinned to a digest its tag no longer points
 * to is reported with the pin's age and the new digest. With {@code -Dmultistage.pin.write=true} the pom's
 * {@code runtimeImage}/{@code builderImage} values are rewritten in place (only those values).
 */
@Mojo(name = "pin", threadSafe = true)
public class PinMojo extends ImageMojo {

  /** Rewrite the pom's {@code <runtimeImage>} and {@code <builderImage>} values with the resolved pins. */
  @Parameter(property = "multistage.pin.write", defaultValue = "false")
  boolean write;

  @Override
  void run() throws IOException {
    Path basedir = project.getBasedir().toPath();
    List<BasePins.Configured> bases = new ArrayList<>();
    for (var base : new PlanFactory(this).baseReferences().entrySet()) {
      String parameter = base.getKey().startsWith("builder") ? "builderImage" : "runtimeImage";
      if (BaseSource.parse(base.getValue(), parameter, basedir) instanceof BaseSource.Registry r) {
        bases.add(new BasePins.Configured(base.getKey(), r));
      } else {
        getLog().info(base.getKey() + ": " + base.getValue() + " is not a registry image; nothing to pin.");
      }
    }
    Platform platform = platformList().isEmpty() ? Platform.LINUX_AMD64 : platformList().get(0);
    RegistryImages registry = new RegistryImages(registryOptions(), new BlobCache(cacheDirectory.toPath()), pulls());
    List<BasePins.Pin> pins = new BasePins(registry, Presets.load(), Instant.now()).pin(bases, platform);
    for (BasePins.Pin pin : pins) {
      if (pin.moved().isPresent()) {
        getLog().warn(pin.describe());
      } else {
        getLog().info(pin.describe());
      }
    }
    if (write) {
      writePom(pins);
    } else if (pins.stream().anyMatch(p -> !p.current())) {
      getLog().info("To write these into the pom's <runtimeImage>/<builderImage>: mvn multistage:pin "
          + "-Dmultistage.pin.write=true");
    }
  }

  private void writePom(List<BasePins.Pin> pins) throws IOException {
    Path pom = project.getFile().toPath();
    for (BasePins.Pin pin : pins) {
      String parameter = pin.base().parameter();
      String configured = "runtimeImage".equals(parameter) ? runtimeImage
          : "builderImage".equals(parameter) ? builderImage : null; // null: the preset chose it
      if (configured == null) {
        getLog().info(parameter + " comes from the " + runtime + " preset; to pin it in the pom, set it to "
            + pin.pinned());
      } else if (configured.equals(pin.pinned())) {
        getLog().info(parameter + " in " + pom + " is current.");
      } else if (PomPins.rewrite(pom, parameter, configured, pin.pinned()) > 0) {
        getLog().info("Wrote <" + parameter + ">" + pin.pinned() + "</" + parameter + "> into " + pom);
      } else {
        getLog().warn(pom + " does not spell <" + parameter + ">" + configured + "</" + parameter
            + "> literally (a property, a parent pom or the command line sets it); set it to " + pin.pinned());
      }
    }
  }

  @Override
  String failure() {
    return "the bases could not be pinned";
  }
}
