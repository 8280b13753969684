package dev.multistage.builder;

import java.util.Locale;
import java.util.Set;

/** Charset names whose encoders live in {@code jdk.charsets}, not {@code java.base}: CJK, EBCDIC, some legacy ones. */
final class Charsets {
  private static final Set<String> EXTENDED = Set.of("shift_jis", "sjis", "windows-31j", "ms932", "euc-jp",
      "eucjp", "euc-kr", "euckr", "iso-2022-jp", "iso-2022-kr", "iso-2022-cn", "gbk", "gb2312", "gb18030", "big5",
      "big5-hkscs", "euc-tw", "x-euc-tw", "ms936", "ms949", "ms950", "windows-1255", "windows-1256", "windows-1258",
      "cp1255", "cp1256", "cp1258", "tis-620", "cp037", "ibm037", "cp1047", "ibm1047", "cp500", "ibm500", "cp273",
      "ibm273", "cp1140", "ibm01140", "cp1141", "ibm01141", "cp1148", "ibm01148", "iso-8859-3", "iso-8859-6",
      "iso-8859-8", "x-ibm930", "x-ibm939", "cp930", "cp939", "cp942", "cp943", "cp949", "cp950", "cp964", "cp970");

  private Charsets() {}

  static boolean extended(String name) {
    return EXTENDED.contains(name.toLowerCase(Locale.ROOT));
  }
}
