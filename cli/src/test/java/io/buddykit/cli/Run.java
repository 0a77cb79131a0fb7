package io.buddykit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the buddykit command in-process and captures its exit code, output and errors; public for the report tests. */
public record Run(int exit, String out, String err) {
  public static Run of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = Main.execute(cl, args);
    return new Run(exit, out.toString(), err.toString());
  }
}
