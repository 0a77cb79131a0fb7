package io.buddykit.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.jsonl}: one {@link RunRow} a line, appended as runs finish. Reading keeps every
 * complete line and drops an unfinished last one (no newline: a sweep killed while writing it), so a rerun
 * redoes that run; a complete line that is not a row is corruption, refused with its line number.
 */
public final class ResultsFile {
  /** The file's name inside a sweep's directory. */
  public static final String NAME = "results.jsonl";

  private ResultsFile() {}

  /**
   * The complete rows of {@code file}, as trees; none when it does not exist. With {@code repair},
   * an unfinished last line is cut off the file so that appends start on a fresh line.
   */
  public static List<JsonNode> read(Path file, boolean repair) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    for (int line = 1; start < bytes.length; line++) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end == bytes.length) {
        // No newline: the write of this line never finished. Its run is redone.
        if (repair) {
          truncate(file, start);
        }
        break;
      }
      String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      if (!text.isBlank()) {
        JsonNode row = parse(text);
        if (row == null) {
          throw new IllegalArgumentException(file + ":" + line + ": not a result row");
        }
        rows.add(row);
      }
      start = end + 1;
    }
    return rows;
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode n = Json.mapper().readTree(text);
      return n != null && n.isObject() && n.has("params") && n.has("seed") && n.has("results") ? n : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }
}
