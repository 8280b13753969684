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

  @Test
  void aCheckSectionGoesAtTheEndOfThePageAndAnotherCheckReplacesIt() {
    String page = HtmlReport.render(Reports.minimal());
    String once = HtmlReport.withCheck(page, Reports.failedCheck());
    String twice = HtmlReport.withCheck(once, Reports.passedCheck());

    assertTrue(once.contains("<section id=\"check\">") && once.indexOf("</section>") < once.indexOf("</main>"));
    assertTrue(once.contains("<tr class=\"fail\"><td>high</td><td><code>build-tools</code>"), once);
    assertEquals(1, twice.split("<section id=\"check\">", -1).length - 1, "one check section");
    assertFalse(twice.contains("build-tools"), "the earlier check's findings are gone");
    assertTrue(twice.contains("<p class=\"summary pass\">Passed: 0 findings"), twice);
    assertEquals(page, twice.replaceAll("(?s)<section id=\"check\">.*</section>\n", ""));
  }

  @Test
  void aSuppressedFindingShowsItsReasonAndFindingTextIsEscaped() {
    String html = HtmlReport.withCheck(HtmlReport.render(Reports.minimal()), Reports.failedCheck());

    assertTrue(html.contains("<tr class=\"suppressed\">"), html);
    assertTrue(html.contains("suppressed: runs with &lt;no-new-privileges&gt;"), html);
    assertFalse(html.contains("<no-new-privileges>"));
  }
}
