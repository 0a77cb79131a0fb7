package io.buddykit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live view's command: its options and their checks (the server itself is tested in view). */
class ServeCommandTest {
  @Test
  void serveIsASubcommandOfBuddykit() {
    var out = new java.io.StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(cl.execute("serve", "--help")).isZero();
    assertThat(out.toString()).contains("--port", "--bind", "127.0.0.1");
    assertThat(cl.execute("serve", "--port", "70000")).isEqualTo(2);
  }
}
