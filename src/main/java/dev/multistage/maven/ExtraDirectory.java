package dev.multistage.maven;

/**
 * One {@code <extraDirectory>} of {@code extraDirectories}: a directory of the project copied into the image's
 * {@code extra} layer. Set in the pom only (no user properties).
 */
public class ExtraDirectory {
  /** The source directory, relative to the project ({@code src/main/image}); it must exist. Required. */
  String from;
  /** Absolute directory in the image the source's contents go into. Default {@code /}. */
  String into;
  /** Octal permission mode of every file, whatever it is on disk: {@code 644} (default), {@code 640}, {@code 755}. */
  String fileMode;
  /** Octal permission mode of every directory the layer makes: {@code 755} (default), {@code 750}. */
  String directoryMode;
  /**
   * Who owns the files and the directories the layer makes: {@code root} ({@code 0:0}, default: the application
   * reads what the modes allow) or {@code app} (the image's {@code user}, so the application may change them).
   */
  String owner;
}
