package dev.multistage.layer;

import java.util.ArrayDeque;
import java.util.Deque;

/** Absolute image paths ({@code /etc/passwd}) and the tar names they are stored under ({@code etc/passwd}). */
public final class ImagePath {
  public static final String ROOT = "/";

  private ImagePath() {}

  /** {@code ./etc/passwd}, {@code etc/passwd} and {@code /etc//passwd/} are all {@code /etc/passwd}. */
  public static String absolute(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return ROOT + String.join("/", parts);
  }

  /** The parent of an absolute path; the root is its own parent. */
  public static String parent(String absolute) {
    int slash = absolute.lastIndexOf('/');
    return slash <= 0 ? ROOT : absolute.substring(0, slash);
  }

  static String child(String parent, String name) {
    return parent.equals(ROOT) ? ROOT + name : parent + "/" + name;
  }

  /** The prefix every path strictly below {@code directory} starts with. */
  static String below(String directory) {
    return directory.equals(ROOT) ? ROOT : directory + "/";
  }
}
