package io.buddykit.trace.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shape of the machine a trace was recorded on, stored beside the trace as {@code
 * <trace>.shape.json}: the kernel release, the CPU count, the page allocator's sysctls, the
 * transparent-huge-page mode, and /proc/buddyinfo, pagetypeinfo and zoneinfo taken before and
 * after the recording. A simulator boots a model machine from it; the "before" views say what the
 * machine looked like when the first event was traced, the "after" views what the trace led to.
 *
 * <p>JSON, because the /proc texts are kept verbatim inside it (one file, any JSON tool reads it):
 * <pre>
 * {"format":"buddykit-shape","version":1,"kernel":"6.18.44","machine":"x86_64","cpus":2,
 *  "sysctl":{"min_free_kbytes":67584,"watermark_scale_factor":10,"watermark_boost_factor":15000,
 *            "percpu_pagelist_high_fraction":0},
 *  "thp":{"enabled":"madvise","defrag":"madvise"},
 *  "started":"2026-12-03T14:30:00Z","command":["make","-j2"],
 *  "before":{"buddyinfo":"...","pagetypeinfo":"...","zoneinfo":"..."},"after":{...}}
 * </pre>
 * A sysctl the kernel lacks is -1; a THP mode it lacks is the empty string; {@code after} may be
 * absent when the recording was cut short before it could be taken.
 *
 * @param kernel the kernel release ({@code uname -r})
 * @param machine the architecture ({@code uname -m})
 * @param cpus online CPUs
 * @param minFreeKbytes vm.min_free_kbytes
 * @param watermarkScaleFactor vm.watermark_scale_factor
 * @param watermarkBoostFactor vm.watermark_boost_factor
 * @param percpuPagelistHighFraction vm.percpu_pagelist_high_fraction (0: the kernel's default sizing)
 * @param thpEnabled the selected mode of /sys/kernel/mm/transparent_hugepage/enabled
 * @param thpDefrag the selected mode of /sys/kernel/mm/transparent_hugepage/defrag
 * @param started when the recording began (ISO-8601 instant)
 * @param command the command recorded, empty for a system-wide recording of a fixed time
 * @param before the /proc views before the recording
 * @param after the /proc views after it, or null
 */
public record RecordedShape(String kernel, String machine, int cpus, long minFreeKbytes, int watermarkScaleFactor,
    int watermarkBoostFactor, int percpuPagelistHighFraction, String thpEnabled, String thpDefrag, String started,
    List<String> command, ProcSnapshot before, ProcSnapshot after) {

  /** The value of the {@code format} key. */
  public static final String FORMAT = "buddykit-shape";
  /** The file name suffix after the trace's own name. */
  public static final String SUFFIX = ".shape.json";

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public RecordedShape {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(thpEnabled, "thpEnabled");
    Objects.requireNonNull(thpDefrag, "thpDefrag");
    Objects.requireNonNull(started, "started");
    command = List.copyOf(command);
    Objects.requireNonNull(before, "before");
    if (cpus < 1) {
      throw new IllegalArgumentException("a machine has at least one CPU, not " + cpus);
    }
  }

  /** The shape file that belongs beside {@code trace}. */
  public static Path besides(Path trace) {
    return trace.resolveSibling(trace.getFileName() + SUFFIX);
  }

  /** The same shape with the views taken after the recording. */
  public RecordedShape withAfter(ProcSnapshot views) {
    return new RecordedShape(kernel, machine, cpus, minFreeKbytes, watermarkScaleFactor, watermarkBoostFactor,
        percpuPagelistHighFraction, thpEnabled, thpDefrag, started, command, before, views);
  }

  /** Writes the shape as JSON to {@code file}. */
  public void write(Path file) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT).put("version", 1).put("kernel", kernel).put("machine", machine).put("cpus", cpus);
    root.putObject("sysctl").put("min_free_kbytes", minFreeKbytes).put("watermark_scale_factor", watermarkScaleFactor)
        .put("watermark_boost_factor", watermarkBoostFactor)
        .put("percpu_pagelist_high_fraction", percpuPagelistHighFraction);
    root.putObject("thp").put("enabled", thpEnabled).put("defrag", thpDefrag);
    root.put("started", started);
    ArrayNode cmd = root.putArray("command");
    command.forEach(cmd::add);
    views(root.putObject("before"), before);
    if (after != null) {
      views(root.putObject("after"), after);
    }
    MAPPER.writeValue(file.toFile(), root);
  }

  private static void views(ObjectNode o, ProcSnapshot s) {
    o.put("buddyinfo", s.buddyinfo()).put("pagetypeinfo", s.pagetypeinfo()).put("zoneinfo", s.zoneinfo());
  }

  /**
   * Reads a shape file. A file that is not one (bad JSON, another format, a missing key) is an
   * {@link IllegalArgumentException} naming the file.
   */
  public static RecordedShape read(Path file) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e, e);
    }
  }

  /**
   * Reads a shape from {@code in} (a bundled recording's resource, say), naming it {@code name} in
   * errors, as {@link #read(Path)} does a file.
   */
  public static RecordedShape read(java.io.InputStream in, String name) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (IOException e) {
      if (e instanceof com.fasterxml.jackson.core.JacksonException j) {
        throw new IllegalArgumentException(name + ": not a shape file: " + j.getOriginalMessage(), e);
      }
      throw new UncheckedIOException(e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(name + ": not a shape file (no \"format\":\"" + FORMAT + "\")");
    }
    try {
      JsonNode sysctl = need(root, "sysctl");
      List<String> command = new ArrayList<>();
      root.path("command").forEach(c -> command.add(c.asText()));
      return new RecordedShape(text(root, "kernel"), text(root, "machine"), need(root, "cpus").asInt(),
          need(sysctl, "min_free_kbytes").asLong(), need(sysctl, "watermark_scale_factor").asInt(),
          need(sysctl, "watermark_boost_factor").asInt(), need(sysctl, "percpu_pagelist_high_fraction").asInt(),
          text(need(root, "thp"), "enabled"), text(need(root, "thp"), "defrag"), text(root, "started"), command,
          views(need(root, "before")), root.has("after") ? views(root.get("after")) : null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static ProcSnapshot views(JsonNode o) {
    return new ProcSnapshot(text(o, "buddyinfo"), text(o, "pagetypeinfo"), text(o, "zoneinfo"));
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = need(o, key);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("\"" + key + "\" is not a string");
    }
    return v.asText();
  }

  private static JsonNode need(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing \"" + key + "\"");
    }
    return v;
  }
}
