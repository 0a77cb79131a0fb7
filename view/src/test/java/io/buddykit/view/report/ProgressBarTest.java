package io.buddykit.view.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void redrawsOneLineAndEndsItWhenDone() {
    StringWriter w = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(w), 4);
    bar.step("encryption");
    bar.step("flash");
    String[] frames = w.toString().split("\r", -1);
    assertThat(frames[1]).isEqualTo("[                    ] 1/4 encryption");
    // The shorter label is padded so the old one's tail does not stay on screen.
    assertThat(frames[2]).isEqualTo("[#####               ] 2/4 flash     ");
    bar.done();
    assertThat(w.toString()).endsWith("\r[####################] 4/4 done " + System.lineSeparator());
    assertThat(w.toString()).matches("[\\x20-\\x7e\\r\\n]*");
  }

  @Test
  void finishedStepsFillTheBarToTheirCount() {
    StringWriter w = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(w), 40);
    bar.finished(10, "runs, 2.0/s, 15 s left");
    bar.finished(30, "runs, 2.0/s, 5 s left");
    String[] frames = w.toString().split("\r", -1);
    assertThat(frames[1]).isEqualTo("[#####               ] 10/40 runs, 2.0/s, 15 s left");
    assertThat(frames[2]).startsWith("[###############     ] 30/40 runs, 2.0/s, 5 s left");
  }

  @Test
  void refusesAnEmptyRun() {
    assertThatThrownBy(() -> new ProgressBar(new PrintWriter(new StringWriter()), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
