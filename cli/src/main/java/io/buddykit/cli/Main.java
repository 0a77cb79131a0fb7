package io.buddykit.cli;

import io.buddykit.core.BuddyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code buddykit} command: one entry to every part of the toolkit. */
@Command(
    name = "buddykit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A toolkit for the buddy system: allocator, simulator, reports.",
    subcommands = {TourCommand.class, WasteCommand.class, ScenarioCommand.class, ShareCommand.class, FlashCommand.class,
        SimCommand.class, ReplayCommand.class, RecordCommand.class, io.buddykit.cli.ServeCommand.class,
        BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: one-line errors, exit code 2 for bad input, no stack traces. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("buddykit: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("buddykit: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      if (Boolean.getBoolean("buddykit.debug")) {
        ex.printStackTrace(err);
      }
      boolean badInput = ex instanceof IllegalArgumentException || ex instanceof BuddyException
          || ex instanceof io.buddykit.trace.TraceParseException;
      return badInput ? 2 : 1;
    });
    return cl;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Reads the version Maven wrote into buddykit.properties. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/buddykit.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "buddykit " + p.getProperty("version", "unknown"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
