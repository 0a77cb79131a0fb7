package io.buddykit.trace;

import java.io.Serial;
import java.util.Objects;

/**
 * A parse error naming the file and the line (1-based). Its message is {@code
 * "file:line: reason"}, as compilers print errors.
 */
public final class TraceParseException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String reason;

  /**
   * @param file the name of the trace file, as the reader was given it
   * @param line the 1-based number of the offending line
   * @param reason what is wrong with it
   */
  public TraceParseException(String file, long line, String reason) {
    super(file + ":" + line + ": " + reason);
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The name of the trace file. */
  public String file() {
    return file;
  }

  /** The 1-based number of the offending line. */
  public long line() {
    return line;
  }

  /** What is wrong, without the file and line prefix. */
  public String reason() {
    return reason;
  }
}
