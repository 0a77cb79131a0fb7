package io.buddykit.cli;

import io.buddykit.core.BuddyException;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
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
    footer = {"", "Start with 'buddykit tour': every scenario, a few shortened, printed here and written as an"
        + " HTML report to buddykit-report/index.html. 'buddykit COMMAND --help' gives a command's options;"
        + " bad input is one line starting 'buddykit:', exit 2."},
    subcommands = {TourCommand.class, WasteCommand.class, ScenarioCommand.class, ShareCommand.class, FlashCommand.class,
        SimCommand.class, ReplayCommand.class, RecordCommand.class, FidelityCommand.class, SweepCommand.class,
        io.buddykit.cli.ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(commandLine(), args));
  }

  /**
   * Runs {@code cl} on {@code args}, with the last line of defence against a heap too small: the
   * models refuse what they know will not fit ({@link HeapBudget}) before they allocate, and an
   * {@link OutOfMemoryError} all the same is one line and exit 1, never a stack trace.
   */
  static int execute(CommandLine cl, String... args) {
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      return outOfMemory(cl.getErr(), e);
    }
  }

  private static int outOfMemory(PrintWriter err, OutOfMemoryError e) {
    String heap = Sizes.format(HeapBudget.heapBytes() >> 20 << 20);
    err.println("buddykit: out of memory (" + e.getMessage() + ") with " + heap + " of Java heap; "
        + HeapBudget.HOW_TO_RAISE + ", or ask for a smaller run");
    if (Boolean.getBoolean("buddykit.debug")) {
      e.printStackTrace(err);
    }
    return 1;
  }

  /** The configured command line: one-line errors, exit code 2 for bad input, no stack traces. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // `buddykit completion > buddykit.bash; source buddykit.bash`: picocli writes the bash/zsh script.
    CommandLine completion = new CommandLine(new picocli.AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(false)
        .description("Prints a bash/zsh completion script: source <(buddykit completion).");
    cl.addSubcommand("completion", completion);
    cl.registerConverter(Path.class, Main::path);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("buddykit: " + parseError(ex) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help')");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (ex.getCause() instanceof OutOfMemoryError oom) { // picocli wraps an Error it catches
        return outOfMemory(err, oom);
      }
      err.println("buddykit: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      if (Boolean.getBoolean("buddykit.debug")) {
        ex.printStackTrace(err);
      }
      return isBadInput(ex) ? 2 : 1;
    });
    return cl;
  }

  /**
   * Bad input (exit 2): a refused argument, a rule of the buddy system, a trace line that does not
   * parse, or a trace file that is not text (the trace readers report bytes that are not UTF-8 as
   * an unreadable file whose cause is a {@link java.nio.charset.CharacterCodingException}).
   */
  static boolean isBadInput(Throwable ex) {
    if (ex instanceof IllegalArgumentException || ex instanceof BuddyException
        || ex instanceof io.buddykit.trace.TraceParseException) {
      return true;
    }
    return ex instanceof java.io.UncheckedIOException
        && ex.getCause() instanceof java.nio.charset.CharacterCodingException;
  }

  /**
   * A file argument as a {@link Path}: one the file system cannot name (a NUL character) is bad
   * input in words, where picocli's own conversion printed {@code InvalidPathException}.
   */
  static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException("'" + text.replace("\0", "\\0") + "' is not a file name ("
          + e.getReason().toLowerCase(Locale.ROOT) + ")");
    }
  }

  /**
   * A picocli parse error in the words of this command's help: the parameter's label instead of
   * "positional parameter at index 0..*", "option '--x'" instead of "option option '--x'", "whole
   * number" instead of a Java type, and picocli's suggestions for a misspelt argument.
   */
  static String parseError(CommandLine.ParameterException ex) {
    String m = String.valueOf(ex.getMessage())
        .replaceAll("positional parameter at index [0-9.*]+ \\(([^)]+)\\)", "$1")
        .replace("option option ", "option ")
        .replaceAll("is not an? (long|int|short|byte|integer)\\b", "is not a whole number")
        .replaceAll("is not an? (double|float)\\b", "is not a number")
        .replaceAll("^Unmatched arguments? from index [0-9]+: ", "unknown arguments ")
        .replaceAll("^Unmatched argument at index [0-9]+: ", "unknown argument ")
        .replaceAll("^Unknown options?: ", "unknown option ");
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      m += "; did you mean " + u.getSuggestions().get(0) + "?"; // the closest; picocli orders them
    }
    return m;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Reads the version, commit and build time Maven wrote into buddykit.properties. */
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
        "buddykit " + p.getProperty("version", "unknown") + " (commit " + p.getProperty("commit", "unknown")
            + ", built " + p.getProperty("built", "unknown") + ")",
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }

  /**
   * Checks the paths a command will read or write before it runs, so that a path it cannot use is
   * refused at once (exit 2, the option and the reason named) instead of after minutes of work or as
   * a Java exception. Nothing is created here, and commands do not create missing parent
   * directories: a typo in a directory name is an error, not a new directory.
   */
  static final class PathChecks {
    private PathChecks() {}

    /** A file the command reads: it exists, is a regular file (not a directory) and is readable. */
    static void checkInputFile(String what, Path file) {
      if (!Files.exists(file)) {
        throw refuse(what, file, "no such file");
      }
      if (Files.isDirectory(file)) {
        throw refuse(what, file, "is a directory, not a file");
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw refuse(what, file, "cannot be read");
      }
    }

    /**
     * A trace the command replays: a readable file, and not an empty one, which holds no event to
     * replay and would otherwise print an idle machine as if it were the trace's.
     */
    static void checkTraceFile(String what, Path file) {
      checkInputFile(what, file);
      if (file.toFile().length() == 0) {
        throw refuse(what, file, "is empty: a trace needs at least one event");
      }
    }

    /** A directory the command fills: an existing writable directory, or a new one in an existing writable one. */
    static void checkDirectory(String option, Path dir) {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw refuse(option, dir, "exists and is not a directory");
        }
        if (!Files.isWritable(dir)) {
          throw refuse(option, dir, "the directory is not writable");
        }
        return;
      }
      checkParent(option, dir);
    }

    /** A file the command writes: not a directory, writable if it exists, in an existing writable directory. */
    static void checkFile(String option, Path file) {
      if (Files.isDirectory(file)) {
        throw refuse(option, file, "is a directory");
      }
      if (Files.exists(file)) {
        if (!Files.isWritable(file)) {
          throw refuse(option, file, "the file is not writable");
        }
        return;
      }
      checkParent(option, file);
    }

    private static void checkParent(String option, Path path) {
      Path parent = path.toAbsolutePath().normalize().getParent();
      if (parent == null) {
        throw refuse(option, path, "has no parent directory");
      }
      if (!Files.exists(parent)) {
        throw refuse(option, path, "directory " + parent + " does not exist");
      }
      if (!Files.isDirectory(parent)) {
        throw refuse(option, path, parent + " is not a directory");
      }
      if (!Files.isWritable(parent)) {
        throw refuse(option, path, "directory " + parent + " is not writable");
      }
    }

    private static IllegalArgumentException refuse(String option, Path path, String why) {
      return new IllegalArgumentException(option + " " + path + ": " + why);
    }
  }
}
