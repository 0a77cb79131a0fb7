package io.buddykit.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.TraceReplay;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code traces:} kind of sweep spec: {@code traces} names recordings (a file, a directory
 * for every file in it, or a glob with wildcards in the file name, such as {@code
 * recordings/*.trace}; or a list of those), relative to the spec's own directory; {@code replay}
 * holds {@code buddykit replay}'s options by their long names ({@code memory: 8G}, {@code mode:
 * policy}); {@code keep} as for a grid. Every file is matched, checked readable and its format
 * detected (or given) here, before any replay runs, so a typo fails in a second, not an hour in.
 */
final class TraceSpec {
  private static final Set<String> KEYS = Set.of("traces", "replay", "keep");

  private TraceSpec() {}

  static SweepSpec parse(String source, JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.equals("seeds") || key.equals("grid") || key.equals("scenario")) {
        throw SweepSpec.refuse(source, key, "a traces sweep replays each trace once (a replay draws no random"
            + " numbers); it takes traces, replay and keep, not " + key);
      }
      if (!KEYS.contains(key)) {
        throw SweepSpec.refuse(source, key, "unknown key (known: traces, replay, keep)");
      }
    }
    Map<String, String> replay = options(source, root.get("replay"));
    TraceReplay.Options options;
    try {
      options = TraceReplay.Options.parse("replay.", replay);
    } catch (IllegalArgumentException e) {
      throw new SweepSpecException(source + ": " + e.getMessage());
    }
    Path base = Path.of(source).toAbsolutePath().getParent();
    List<String> files = files(source, base, root.get("traces"), options);
    List<String> keep = SweepSpec.keep(source, root.get("keep"));
    return new SweepSpec(SweepSpec.REPLAY, List.of(0L), Map.of(SweepSpec.TRACE, files), keep, replay);
  }

  /** {@code {traces: [absolute paths], replay: {...}, keep}}: what {@code DIR/spec.json} holds. */
  static Map<String, Object> asJson(SweepSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("traces", spec.grid().get(SweepSpec.TRACE));
    m.put("replay", spec.replay());
    if (!spec.keep().isEmpty()) {
      m.put("keep", spec.keep());
    }
    return m;
  }

  private static Map<String, String> options(String source, JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw SweepSpec.refuse(source, "replay", "must be a mapping of replay options, such as {memory: 8G}");
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw SweepSpec.refuse(source, "replay." + e.getKey(), "must be a number, a word or true/false, not "
            + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static List<String> files(String source, Path base, JsonNode node, TraceReplay.Options options) {
    List<JsonNode> items = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(items::add);
    } else if (node != null) {
      items.add(node);
    }
    if (items.isEmpty()) {
      throw SweepSpec.refuse(source, "traces", "empty; give a file, a directory or a glob, or a list of them");
    }
    Set<String> files = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String key = node.isArray() ? "traces[" + i + "]" : "traces";
      JsonNode item = items.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw SweepSpec.refuse(source, key, "must be a path or a glob, not " + item);
      }
      List<Path> matched = match(source, key, base, item.asText());
      if (matched.isEmpty()) {
        throw SweepSpec.refuse(source, key, "no file matches " + item.asText()
            + " (relative paths start at the spec's directory, " + base + ")");
      }
      for (Path p : matched) {
        check(source, key, p, options);
        files.add(p.toString());
      }
    }
    return List.copyOf(files);
  }

  /** The files {@code pattern} names, sorted: a file, every file of a directory, or a glob's matches. */
  private static List<Path> match(String source, String key, Path base, String pattern) {
    int slash = pattern.lastIndexOf('/');
    String dir = slash < 0 ? "" : pattern.substring(0, slash + 1);
    String name = pattern.substring(slash + 1);
    if (dir.matches(".*[*?\\[{].*")) {
      throw SweepSpec.refuse(source, key, "wildcards only in the file name, not in " + dir);
    }
    Path resolved = base.resolve(dir.isEmpty() ? "." : dir).normalize();
    List<Path> out = new ArrayList<>();
    try {
      if (!name.matches(".*[*?\\[{].*")) {
        Path p = resolved.resolve(name).normalize();
        if (Files.isDirectory(p)) {
          try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, Files::isRegularFile)) {
            ds.forEach(out::add);
          }
        } else if (Files.exists(p)) {
          out.add(p);
        }
      } else if (Files.isDirectory(resolved)) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(resolved,
            p -> Files.isRegularFile(p) && m.matches(p.getFileName()))) {
          ds.forEach(out::add);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw SweepSpec.refuse(source, key, pattern + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }

  /** Refuses a file the replay could not read: not a regular file, unreadable, or of no format it tells. */
  private static void check(String source, String key, Path file, TraceReplay.Options options) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw SweepSpec.refuse(source, key, file + ": not a readable file");
    }
    try {
      TraceReplay.format(file, options.format());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw SweepSpec.refuse(source, key, e.getMessage() + (options.format() == null ? " (replay.format)" : ""));
    }
  }
}
