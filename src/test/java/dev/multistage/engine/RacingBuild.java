package dev.multistage.engine;

import dev.multistage.plan.BaseSource;
import dev.multistage.registry.RegistryOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of {@link LinkedRuntimeRaceTest}'s racing builds, in a JVM of its own: a jlinked image of {@link TinyWebApp}
 * into a shared cache. Arguments: cache directory, own root, base OCI layout, start file. It gets ready, says so
 * ({@code <root>/ready}), waits for the start file so the racers link at the same moment, builds, and prints
 * {@code digest <image digest>} last.
 */
final class RacingBuild {
  private RacingBuild() {}

  public static void main(String[] args) throws Exception {
    Path cache = Path.of(args[0]);
    Path root = Path.of(args[1]);
    Path start = Path.of(args[3]);
    PlanDraft draft = new PlanDraft(BaseSource.parse("oci:" + args[2], "runtimeImage", root),
        TinyWebApp.compile(root.resolve("app"), "Hello"), root.resolve("project"), cache).linkFromBuildJdk();
    Files.createFile(root.resolve("ready"));
    while (!Files.exists(start)) {
      Thread.sleep(10);
    }
    ImageBuild.Result result = new ImageBuild(draft.plan(), RegistryOptions.defaults(), System.out::println,
        warning -> System.out.println("WARNING " + warning)).run();
    System.out.println("digest " + Files.readString(result.outputDirectory().resolve("image-digest")).trim());
  }
}
