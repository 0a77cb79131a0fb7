package io.buddykit.view.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void textAndScriptsCannotBreakOutOfTheirElements() {
    assertThat(Html.text("<b a=\"x\">&'")).isEqualTo("&lt;b a=&quot;x&quot;&gt;&amp;&#39;");
    assertThat(Html.scriptJson("{\"a\":\"</script><!--\"}")).isEqualTo("{\"a\":\"\\u003c/script>\\u003c!--\"}");
    assertThat(Assets.inlineSafe("x='</Script>'; y = a </b; z='</SCRIPT")).isEqualTo("x='<\\/Script>'; y = a </b; z='<\\/SCRIPT");
  }

  @Test
  void idsAreLinkSafe() {
    assertThat(Html.id("CPU time (16 ms)")).isEqualTo("cpu-time-16-ms");
    assertThat(Html.id("ü")).isEqualTo("section");
  }
}
