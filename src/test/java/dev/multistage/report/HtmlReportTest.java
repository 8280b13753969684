package dev.multistage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

  @Test
  void thePageIsSelfContained() {
    String html = HtmlReport.render(Reports.full());
    assertFalse(html.contains("<script") || html.contains("http://") || html.contains("https://")
        || html.contains("<link"), "no script, nothing fetched");
    assertTrue(html.contains("<style>") && html.contains("<svg id=\"size-chart\""));
  }

  @Test
  void userTextIsEscaped() {
    String html = HtmlReport.render(Reports.full());
    assertTrue(html.contains("team=&lt;core&gt;"), "a label value is text, not markup");
    assertFalse(html.contains("<core>"));
    assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", HtmlReport.esc("<a href=\"x\">&'"));
  }

  @Test
  void theChartHasABaselineBarOnlyWithAMeasuredBaseline() {
    assertTrue(HtmlReport.render(Reports.full()).contains("<g id=\"bar-baseline\">"));
    assertFalse(HtmlReport.render(Reports.minimal()).contains("bar-baseline"));
    assertFalse(HtmlReport.render(Reports.unavailableBaseline()).contains("bar-baseline"));
  }

  @Test
  void theImageBarHasOneSegmentPerLayerAndOneForTheConfig() {
    String html = HtmlReport.render(Reports.minimal());
    String bar = html.substring(html.indexOf("<g id=\"bar-image\">"), html.indexOf("</g>"));
    assertEquals(3, bar.split("<rect ", -1).length - 1, bar);
    assertTrue(bar.contains("<title>config: 500 B</title>"), bar);
  }

  @Test
  void anUnreadableBaselineIsAWarningLine() {
    assertTrue(HtmlReport.render(Reports.unavailableBaseline())
        .contains("<p class=\"summary warn\">single-stage baseline unavailable: registry.example: connection refused"));
  }
}
