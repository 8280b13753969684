package dev.multistage.builder;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a class file's constant pool, decoding its UTF-8 entries only when a reference needs them, and, for a
 * module-info, its Module attribute.
 */
final class ClassFileReader {
  private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*");
  private static final int ACC_STATIC_PHASE = 0x0040;

  private final ByteBuffer buf;
  private final int count;
  private final int[] tags;
  private final int[] a;
  private final int[] b;
  private final int[] utf8Offset;
  private final String[] utf8;

  ClassFileReader(byte[] bytes) throws IOException {
    buf = ByteBuffer.wrap(bytes);
    if (buf.getInt() != 0xCAFEBABE) {
      throw new IOException("not a class file (bad magic)");
    }
    buf.position(8);
    count = u2();
    tags = new int[count];
    a = new int[count];
    b = new int[count];
    utf8Offset = new int[count];
    utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = buf.get() & 0xFF;
      tags[i] = tag;
      switch (tag) {
        case 1 -> {
          utf8Offset[i] = buf.position();
          int length = u2();
          skip(length);
        }
        case 3, 4 -> skip(4);
        case 5, 6 -> {
          skip(8);
          i++;
        }
        case 7, 8, 16, 19, 20 -> a[i] = u2();
        case 9, 10, 11, 12, 17, 18 -> {
          a[i] = u2();
          b[i] = u2();
        }
        case 15 -> {
          buf.get();
          a[i] = u2();
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
  }

  private void skip(int bytes) {
    buf.position(buf.position() + bytes);
  }

  private int u2() {
    return buf.getShort() & 0xFFFF;
  }

  ClassReferences references() throws IOException {
    Set<String> packages = new HashSet<>();
    Set<String> named = new HashSet<>();
    Set<String> strings = new HashSet<>();
    Set<String> members = new HashSet<>();
    for (int i = 1; i < count; i++) {
      switch (tags[i]) {
        case 1 -> {
          if (hasSemicolon(i)) {
            descriptorPackages(utf8(i), packages);
          }
        }
        case 7 -> internalName(utf8(a[i]), packages);
        case 8 -> {
          String s = utf8(a[i]);
          if (s.length() < 120 && CLASS_NAME.matcher(s).matches()) {
            named.add(s);
          } else if (s.length() < 40) {
            strings.add(s);
          }
        }
        case 9, 10, 11 -> {
          String owner = utf8(a[a[i]]);
          if (owner.startsWith("java/")) {
            String member = owner.replace('/', '.') + "." + utf8(a[b[i]]);
            if (ClassReferences.WATCHED.contains(member)) {
              members.add(member);
            }
          }
        }
        default -> { }
      }
    }
    skip(2);
    int thisClass = u2();
    Set<String> requires = "module-info".equals(utf8(a[thisClass])) ? requires() : Set.of();
    return new ClassReferences(packages, named, strings, members, requires);
  }

  private boolean hasSemicolon(int index) {
    int off = utf8Offset[index];
    int len = ((buf.get(off) & 0xFF) << 8) | (buf.get(off + 1) & 0xFF);
    byte[] array = buf.array();
    for (int p = off + 2; p < off + 2 + len; p++) {
      if (array[p] == ';') {
        return true;
      }
    }
    return false;
  }

  private String utf8(int index) throws IOException {
    if (index <= 0 || index >= count || tags[index] != 1) {
      throw new IOException("bad constant pool reference " + index);
    }
    if (utf8[index] == null) {
      int off = utf8Offset[index];
      int len = ((buf.get(off) & 0xFF) << 8) | (buf.get(off + 1) & 0xFF);
      byte[] array = buf.array();
      boolean ascii = true;
      for (int p = off + 2; p < off + 2 + len && ascii; p++) {
        ascii = array[p] > 0;
      }
      utf8[index] = ascii ? new String(array, off + 2, len, StandardCharsets.ISO_8859_1)
          : new DataInputStream(new ByteArrayInputStream(array, off, len + 2)).readUTF();
    }
    return utf8[index];
  }

  /** A module-info's non-static {@code requires}, from its Module attribute. */
  private Set<String> requires() throws IOException {
    u2();
    int interfaces = u2();
    skip(2 * interfaces);
    for (int kind = 0; kind < 2; kind++) {
      int n = u2();
      for (int i = 0; i < n; i++) {
        skip(6);
        skipAttributes();
      }
    }
    Set<String> requires = new HashSet<>();
    int attributes = u2();
    for (int i = 0; i < attributes; i++) {
      String name = utf8(u2());
      int length = buf.getInt();
      if (!name.equals("Module")) {
        skip(length);
        continue;
      }
      int end = buf.position() + length;
      skip(6);
      int n = u2();
      for (int r = 0; r < n; r++) {
        int module = u2();
        int flags = u2();
        u2();
        if ((flags & ACC_STATIC_PHASE) == 0 && tags[module] == 19) {
          requires.add(utf8(a[module]));
        }
      }
      buf.position(end);
    }
    return requires;
  }

  private void skipAttributes() {
    int n = u2();
    for (int i = 0; i < n; i++) {
      u2();
      int length = buf.getInt();
      skip(length);
    }
  }

  private static void internalName(String name, Set<String> packages) {
    if (name.startsWith("[")) {
      descriptorPackages(name, packages);
      return;
    }
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      packages.add(name.substring(0, slash).replace('/', '.'));
    }
  }

  /** The packages of every {@code Lpkg/Name;} (or {@code Lpkg/Name<}) in a descriptor or signature. */
  private static void descriptorPackages(String text, Set<String> packages) {
    if (text.indexOf(' ') >= 0) {
      return;
    }
    int from = 0;
    while ((from = text.indexOf('L', from)) >= 0) {
      int end = from + 1;
      int slash = -1;
      while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) != '<') {
        char c = text.charAt(end);
        if (c == '/') {
          slash = end;
        } else if (!Character.isJavaIdentifierPart(c)) {
          break;
        }
        end++;
      }
      if (end < text.length() && slash > from + 1 && (text.charAt(end) == ';' || text.charAt(end) == '<')) {
        packages.add(text.substring(from + 1, slash).replace('/', '.'));
      }
      from = end;
    }
  }
}
