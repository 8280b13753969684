package dev.multistage.builder;

import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Finds the class with {@code public static void main(String[])} among compiled classes, without loading them. */
public final class MainClassFinder {
  private MainClassFinder() {}

  /** The single main class under {@code classesDirectory}; none or several is a clear error about {@code mainClass}. */
  public static String find(Path classesDirectory) {
    List<String> found = candidates(classesDirectory);
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      throw new InvalidParameterException("mainClass", "no class with public static void main(String[]) was found in "
          + classesDirectory + ", and no Main-Class is configured for maven-jar-plugin.",
          "set <mainClass>com.example.App</mainClass> (or -Dmultistage.mainClass=…), and make sure the project "
          + "compiles before package.");
    }
    throw new InvalidParameterException("mainClass", "several classes have a main method: " + String.join(", ", found)
        + ".", "set <mainClass> to the one the image should run.");
  }

  /** Every class under {@code classesDirectory} with a {@code public static void main(String[])}, sorted. */
  public static List<String> candidates(Path classesDirectory) {
    if (!Files.isDirectory(classesDirectory)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classesDirectory)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classesDirectory.relativize(p).toString();
        if (name.startsWith("META-INF") || name.endsWith("module-info.class")) {
          continue;
        }
        try (InputStream in = Files.newInputStream(p)) {
          if (hasMain(in.readAllBytes())) {
            found.add(name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.'));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static boolean hasMain(byte[] classBytes) {
    boolean[] main = {false};
    new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        int wanted = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
        if ("main".equals(name) && "([Ljava/lang/String;)V".equals(descriptor) && (access & wanted) == wanted) {
          main[0] = true;
        }
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return main[0];
  }
}
