package dev.multistage.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multistage.plan.InvalidParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class MainClassFinderTest {
  private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";

  @TempDir Path classes;

  @Test
  void findsTheOnlyClassWithPublicStaticVoidMain() throws IOException {
    writeClass("com/example/shop/ShopServer", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, MAIN_DESCRIPTOR);
    // look-alikes that are not entry points
    writeClass("com/example/shop/Prices", Opcodes.ACC_PUBLIC, MAIN_DESCRIPTOR);
    writeClass("com/example/shop/Tool", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "()V");
    writeClass("com/example/shop/Hidden", Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, MAIN_DESCRIPTOR);

    assertEquals("com.example.shop.ShopServer", MainClassFinder.find(classes));
  }

  @Test
  void noMainClassFailsNamingMainClass() throws IOException {
    writeClass("com/example/shop/Prices", Opcodes.ACC_PUBLIC, MAIN_DESCRIPTOR);

    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> MainClassFinder.find(classes));

    assertEquals("mainClass", e.parameter());
    assertTrue(e.getMessage().startsWith("<mainClass>"), e.getMessage());
    assertTrue(e.getMessage().contains(classes.toString()), e.getMessage());
  }

  @Test
  void twoMainClassesFailListingBoth() throws IOException {
    writeClass("com/example/shop/ShopServer", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, MAIN_DESCRIPTOR);
    writeClass("com/example/admin/AdminCli", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, MAIN_DESCRIPTOR);

    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> MainClassFinder.find(classes));

    assertEquals("mainClass", e.parameter());
    assertTrue(e.getMessage().contains("com.example.admin.AdminCli"), e.getMessage());
    assertTrue(e.getMessage().contains("com.example.shop.ShopServer"), e.getMessage());
  }

  /** Writes a class with one method named {@code main} of the given access and descriptor. */
  private void writeClass(String internalName, int mainAccess, String mainDescriptor) throws IOException {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
    MethodVisitor main = cw.visitMethod(mainAccess, "main", mainDescriptor, null, null);
    main.visitCode();
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    cw.visitEnd();
    Path file = classes.resolve(internalName + ".class");
    Files.createDirectories(file.getParent());
    Files.write(file, cw.toByteArray());
  }
}
