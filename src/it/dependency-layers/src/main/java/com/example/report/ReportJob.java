package com.example.report;

import com.example.snap.Banner;
import org.apache.commons.lang3.StringUtils;

public final class ReportJob {
  public static void main(String[] args) {
    System.out.println(Banner.of(StringUtils.capitalize("monthly report " + String.join(" ", args))));
  }
}
