package io.buddykit.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.FlashReplay;
import io.buddykit.app.TraceReplay;
import io.buddykit.trace.block.BlockTraceFormat;
import io.buddykit.trace.memory.MemoryTraceFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code traces:} kind of sweep spec: {@code traces} names recordings (a file, a directory
 * for every file in it, or a glob with wildcards in the file name, such as {@code
 * recordings/*.trace}; or a list of those), relative to the spec's own directory; {@code keep} as
 * for a grid. Memory traces (ftrace, mtrace, JSON lines) are replayed as {@code buddykit replay}
 * does, with its options by their long names under {@code replay} ({@code memory: 8G}, {@code
 * mode: policy}); block traces (MSR Cambridge, DiskSim) run on the flash translation layer as
 * {@code buddykit flash --trace} does, with its options under {@code flash} ({@code blocks: 256},
 * {@code gc: cost-benefit}). One spec holds one kind: its rows are compared metric by metric, and
 * a replay's and a flash run's share none, so a spec mixing them is refused, naming a file of
 * each. Every file is matched, checked readable and its format detected (or given) here, before
 * any run, so a typo fails in a second, not an hour in.
 */
final class TraceSpec {
  private static final Set<String> KEYS = Set.of("traces", "replay", "flash", "keep");

  /** What a trace is run as: a memory trace replayed, or a block trace on the flash device. */
  private enum Kind { MEMORY, BLOCK }

  private TraceSpec() {}

  static SweepSpec parse(String source, JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.equals("seeds") || key.equals("grid") || key.equals("scenario")) {
        throw SweepSpec.refuse(source, key, "a traces sweep runs each trace once (with the flash seed as"
            + " flash.seed); it takes traces, replay or flash, and keep, not " + key);
      }
      if (!KEYS.contains(key)) {
        throw SweepSpec.refuse(source, key, "unknown key (known: traces, replay, flash, keep)");
      }
    }
    if (root.has("replay") && root.has("flash")) {
      throw SweepSpec.refuse(source, "flash", "replay options are for memory traces, flash options for block"
          + " traces; one spec holds one kind");
    }
    Map<String, String> replay = options(source, "replay", root.get("replay"));
    Map<String, String> flash = options(source, "flash", root.get("flash"));
    TraceReplay.Options memory;
    FlashReplay.Options block;
    try {
      memory = TraceReplay.Options.parse("replay.", replay);
      block = FlashReplay.Options.parse("flash.", flash);
    } catch (IllegalArgumentException e) {
      throw new SweepSpecException(source + ": " + e.getMessage());
    }
    Path base = Path.of(source).toAbsolutePath().getParent();
    Map<String, Kind> files = files(source, base, root.get("traces"), memory, block);
    Kind kind = kind(source, files, root);
    List<String> keep = SweepSpec.keep(source, root.get("keep"));
    List<String> paths = List.copyOf(files.keySet());
    return kind == Kind.BLOCK
        ? new SweepSpec(SweepSpec.FLASH, List.of(0L), Map.of(SweepSpec.TRACE, paths), keep, flash)
        : new SweepSpec(SweepSpec.REPLAY, List.of(0L), Map.of(SweepSpec.TRACE, paths), keep, replay);
  }

  /** The one kind of every file, checked against the options given; refuses a mix, naming a file of each. */
  private static Kind kind(String source, Map<String, Kind> files, JsonNode root) {
    String memory = null;
    String block = null;
    for (Map.Entry<String, Kind> e : files.entrySet()) {
      if (e.getValue() == Kind.MEMORY && memory == null) {
        memory = e.getKey();
      } else if (e.getValue() == Kind.BLOCK && block == null) {
        block = e.getKey();
      }
    }
    if (memory != null && block != null) {
      throw SweepSpec.refuse(source, "traces", memory + " is a memory trace and " + block + " a block trace;"
          + " their runs measure different things, so give each kind its own spec");
    }
    if (block != null && root.has("replay")) {
      throw SweepSpec.refuse(source, "replay", "the traces are block traces (" + block + "); give flash options");
    }
    if (memory != null && root.has("flash")) {
      throw SweepSpec.refuse(source, "flash", "the traces are memory traces (" + memory + "); give replay options");
    }
    return block != null ? Kind.BLOCK : Kind.MEMORY;
  }

  /** {@code {traces: [absolute paths], replay or flash: {...}, keep}}: what {@code DIR/spec.json} holds. */
  static Map<String, Object> asJson(SweepSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("traces", spec.grid().get(SweepSpec.TRACE));
    m.put(spec.scenario().equals(SweepSpec.FLASH) ? "flash" : "replay", spec.replay());
    if (!spec.keep().isEmpty()) {
      m.put("keep", spec.keep());
    }
    return m;
  }

  private static Map<String, String> options(String source, String key, JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw SweepSpec.refuse(source, key, "must be a mapping of " + key + " options, such as "
          + (key.equals("flash") ? "{blocks: 256}" : "{memory: 8G}"));
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw SweepSpec.refuse(source, key + "." + e.getKey(), "must be a number, a word or true/false, not "
            + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Map<String, Kind> files(String source, Path base, JsonNode node, TraceReplay.Options memory,
      FlashReplay.Options block) {
    List<JsonNode> items = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(items::add);
    } else if (node != null) {
      items.add(node);
    }
    if (items.isEmpty()) {
      throw SweepSpec.refuse(source, "traces", "empty; give a file, a directory or a glob, or a list of them");
    }
    Map<String, Kind> files = new LinkedHashMap<>();
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
        files.put(p.toString(), check(source, key, p, memory, block));
      }
    }
    return files;
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

  /**
   * The kind of {@code file}: as {@code flash.format} or {@code replay.format} says, else a block
   * trace when one block format reads its first lines, else a memory trace when one memory format
   * does; refuses a file that is not a readable
   * regular file or of no format either kind tells.
   */
  private static Kind check(String source, String key, Path file, TraceReplay.Options memory,
      FlashReplay.Options block) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw SweepSpec.refuse(source, key, file + ": not a readable file");
    }
    try {
      if (block.format() != null) {
        return Kind.BLOCK;
      }
      if (memory.format() != null) {
        return Kind.MEMORY;
      }
      // Block first: its readers take a request only whole and every sniffed line strictly, while
      // ftrace's detector takes a '#' comment line, which a DiskSim trace may start with.
      if (BlockTraceFormat.detect(file).isPresent()) {
        return Kind.BLOCK;
      }
      if (MemoryTraceFormat.detect(file).isPresent()) {
        return Kind.MEMORY;
      }
    } catch (java.io.UncheckedIOException e) {
      throw SweepSpec.refuse(source, key, e.getMessage());
    }
    throw SweepSpec.refuse(source, key, file + ": cannot tell the trace format from its first lines (memory:"
        + " ftrace, mtrace, jsonl; block: msr, disksim); give replay.format or flash.format");
  }
}
