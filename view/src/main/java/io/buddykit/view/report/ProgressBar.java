package io.buddykit.view.report;

import java.io.PrintWriter;

/**
 * A one-line ASCII progress bar, such as {@code [#####     ] 6/9 flash}, redrawn in place with a
 * carriage return so a long run shows where it is without filling the terminal.
 */
public final class ProgressBar {
  private static final int WIDTH = 20;

  private final PrintWriter err;
  private final int total;
  private int started;
  private int drawn;

  public ProgressBar(PrintWriter err, int total) {
    if (total < 1) {
      throw new IllegalArgumentException("a progress bar needs at least one step, got " + total);
    }
    this.err = err;
    this.total = total;
  }

  /** Announces that the next step, {@code label}, is under way; the bar fills with the steps before it. */
  public void step(String label) {
    started = Math.min(total, started + 1);
    draw(started - 1, started + "/" + total + " " + label);
  }

  /**
   * Shows {@code finished} steps done with {@code label} after the count, for work whose steps end
   * out of order (a sweep's runs on a thread pool) rather than start one after another.
   */
  public void finished(int finished, String label) {
    started = Math.min(total, Math.max(0, finished));
    draw(started, started + "/" + total + " " + label);
  }

  /** Fills the bar and ends its line, so later output starts on a fresh one. */
  public void done() {
    draw(total, total + "/" + total + " done");
    err.println();
    err.flush();
  }

  private void draw(int finished, String text) {
    int hashes = finished * WIDTH / total;
    String line = "[" + "#".repeat(hashes) + " ".repeat(WIDTH - hashes) + "] " + ascii(text);
    // Spaces wipe the tail of a longer previous line, which \r alone leaves on screen.
    err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    err.flush();
    drawn = line.length();
  }

  private static String ascii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return b.toString();
  }
}
