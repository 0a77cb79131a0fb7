package io.buddykit.view.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.replay.PageReplay;
import io.buddykit.sim.workload.Workloads;
import io.buddykit.trace.memory.TraceFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What POST /api/runs asked for, checked before anything runs so that a bad parameter is a 400,
 * not a failed run: the kind, the name, every parameter (given or defaulted), and how to build the
 * {@link Stepper} on the run's thread (from the uploaded trace for a trace run).
 */
record RunSpec(String kind, String name, Map<String, Object> params, boolean needsUpload,
    Function<byte[], Stepper> launcher) {
  /** Largest simulated memory: the owner table and the allocators cost about 10 bytes a page. */
  static final long MAX_MEMORY = 16L << 30;
  /** Steps a trace run is cut into when {@code batch} is 0. */
  static final int TRACE_STEPS = 200;
  /** A plain decimal number, as scenario defaults are written. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  static final List<Param<?>> WORKLOAD_PARAMS = List.of(
      Param.text("memory", "1G", "RAM of the simulated machine (at most 16G)"),
      Param.text("nodes", "1", "NUMA nodes, RAM split evenly"),
      Param.text("steps", "0", "steps to run; 0 takes the workload's own length"),
      Param.text("seed", "1", "random seed"),
      Param.text("pcp", "true", "per-CPU page lists on"));

  static final List<Param<?>> TRACE_PARAMS = List.of(
      Param.text("memory", "", "RAM of the machine (default 16G), or the heap for mtrace (default 256M)"),
      Param.text("nodes", "1", "NUMA nodes (page traces)"),
      Param.text("mode", "recorded", "page traces: recorded (the traced pfns) or policy (the model chooses)"),
      Param.text("unit", "16", "mtrace: smallest heap block in bytes, a power of two"),
      Param.text("batch", "0", "events per step; 0 cuts the trace into about " + TRACE_STEPS + " steps"),
      Param.text("file", "upload", "the name parse errors give the trace"));

  RunSpec {
    Objects.requireNonNull(kind);
    params = new LinkedHashMap<>(params);
  }

  /** Reads {@code {"kind": ..., "name": ..., "params": {...}}}; throws {@link ApiException} 400 naming the problem. */
  static RunSpec of(JsonNode body, List<Scenario> scenarios) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object with kind, name and params");
    }
    String kind = text(body, "kind");
    String name = text(body, "name");
    Map<String, String> given = new LinkedHashMap<>();
    JsonNode p = body.get("params");
    if (p != null && !p.isNull()) {
      if (!p.isObject()) {
        throw ApiException.badRequest("params must be an object of name: value");
      }
      p.properties().forEach(e -> given.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    }
    try {
      return switch (kind) {
        case "workload" -> workload(name, Params.of(WORKLOAD_PARAMS, given));
        case "scenario" -> scenario(name, given, scenarios);
        case "trace" -> trace(name, Params.of(TRACE_PARAMS, given));
        default -> throw ApiException.badRequest("unknown kind '" + kind + "' (known: workload, scenario, trace)");
      };
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** Each parameter as the front ends read it (see {@link Param#describe}). */
  static List<Map<String, Object>> describe(List<Param<?>> params) {
    return params.stream().map(Param::describe).toList();
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw ApiException.badRequest("missing '" + field + "' (a string)");
    }
    return n.asText();
  }

  private static RunSpec workload(String name, Params p) {
    if (!Workloads.names().contains(name)) {
      throw ApiException.badRequest("unknown workload '" + name + "' (known: " + String.join(", ", Workloads.names()) + ")");
    }
    MachineConfig config = machine(p, "1G").withPerCpuLists(bool(p, "pcp"));
    long steps = p.getLong("steps");
    p.require(steps >= 0, "steps", "must be 0 or more");
    long seed = p.getLong("seed");
    return new RunSpec("workload", name, p.asJson(), false,
        upload -> new WorkloadStepper(name, config, seed, steps == 0 ? -1 : steps));
  }

  private static RunSpec scenario(String name, Map<String, String> given, List<Scenario> scenarios) {
    Scenario s = scenarios.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
        ApiException.badRequest("unknown scenario '" + name + "' (known: "
            + String.join(", ", scenarios.stream().map(Scenario::name).toList()) + ")"));
    Params p = Params.of(s.params(), given);
    for (Param<?> declared : s.params()) {
      checkShape(p, declared);
    }
    return new RunSpec("scenario", name, p.asJson(), false, upload -> new ScenarioStepper(s, p));
  }

  /**
   * Checks a given value against the shape of the parameter's default, so that a value a scenario
   * cannot parse is a 400 now rather than a failed run later. Scenarios check their ranges only
   * inside {@link Scenario#run}, and declare no types, so the default stands in for the type: a
   * number (whole or not: scenarios read some whole defaults as doubles) takes any finite number,
   * a list of numbers a list of numbers, true/false a boolean; other defaults (sizes such as 4G,
   * names such as auto) are left to the scenario.
   */
  private static void checkShape(Params p, Param<?> declared) {
    String name = declared.name();
    String value = p.string(name);
    if (value.equals(declared.defaultText())) {
      return;
    }
    String d = declared.defaultText().strip();
    if (NUMBER.matcher(d).matches()) {
      p.getDouble(name);
    } else if (d.contains(",") && Arrays.stream(d.split(",")).allMatch(x -> NUMBER.matcher(x.strip()).matches())) {
      p.require(Arrays.stream(value.split(",", -1)).allMatch(x -> finite(x.strip())), name,
          "must be a comma-separated list of numbers");
    } else if (d.equals("true") || d.equals("false")) {
      bool(p, name);
    }
  }

  private static boolean finite(String x) {
    try {
      return Double.isFinite(Double.parseDouble(x));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static RunSpec trace(String name, Params p) {
    TraceFormat format = name.equals("auto") ? null : TraceFormat.parse(name);
    PageReplay.Mode mode = switch (p.string("mode")) {
      case "recorded" -> PageReplay.Mode.RECORDED;
      case "policy" -> PageReplay.Mode.POLICY;
      default -> throw new IllegalArgumentException("parameter mode=" + p.string("mode") + " must be recorded or policy");
    };
    long unit = Sizes.parse(p.string("unit"));
    p.require(unit >= 1 && Long.bitCount(unit) == 1, "unit", "must be a power of two");
    long heapBytes = p.string("memory").isBlank() ? 256L << 20 : Sizes.parse(p.string("memory"));
    if (format == TraceFormat.MTRACE) {
      checkHeap(heapBytes, unit);
    }
    MachineConfig config = format == TraceFormat.MTRACE ? null : machine(p, "16G");
    int batch = p.getInt("batch");
    p.require(batch >= 0, "batch", "must be 0 or more");
    String file = p.string("file");
    return new RunSpec("trace", name, p.asJson(), true, upload -> {
      RecordedTrace t = RecordedTrace.parse(upload, format, file);
      int per = batch > 0 ? batch : Math.max(1, (t.events() + TRACE_STEPS - 1) / TRACE_STEPS);
      if (t.format() == TraceFormat.MTRACE) {
        checkHeap(heapBytes, unit);
        return new HeapTraceStepper(t, heapBytes, unit, per);
      }
      if (config == null) {
        throw new IllegalArgumentException("parameter memory: a page trace needs a machine of at most 16G");
      }
      return new PageTraceStepper(t, config, mode, per);
    });
  }

  private static void checkHeap(long bytes, long unit) {
    if (bytes / unit < 1 || bytes / unit > (1L << 26)) {
      throw new IllegalArgumentException("parameter memory: a heap of " + bytes + " bytes in " + unit
          + "-byte units must be 1 to 2^26 units");
    }
  }

  private static MachineConfig machine(Params p, String defaultMemory) {
    long memory = Sizes.parse(p.string("memory").isBlank() ? defaultMemory : p.string("memory"));
    p.require(memory > 0 && memory <= MAX_MEMORY, "memory", "must be more than 0 and at most 16G");
    int nodes = p.getInt("nodes");
    p.require(nodes >= 1 && nodes <= 64, "nodes", "must be 1 to 64");
    return MachineConfig.of(memory, nodes);
  }

  private static boolean bool(Params p, String name) {
    String v = p.string(name).strip();
    p.require(v.equals("true") || v.equals("false"), name, "must be true or false");
    return Boolean.parseBoolean(v);
  }
}
