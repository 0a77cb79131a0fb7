package io.buddykit.view.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.buddykit.app.FreeListOrders;
import io.buddykit.scenario.HeapBudget;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Scenario;
import io.buddykit.scenario.Sizes;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.replay.PageReplay;
import io.buddykit.sim.workload.Workloads;
import io.buddykit.trace.memory.MemoryTraceFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What POST /api/runs asked for, checked before anything runs so that a bad parameter is a 400,
 * not a failed run: the kind, the name, every parameter (given or defaulted, as a result's params
 * show them), and how to build the {@link Stepper} on the run's thread (from the uploaded trace for
 * a trace run). Every parameter is typed ({@link Param}), so {@link Params#of} reads and
 * range-checks each value at create time, a scenario's as much as a workload's or a trace's; and
 * what the run needs of the Java heap is checked against {@link HeapBudget} there too ({@link
 * Scenario#checked}, {@link MachineConfig#heapBytes()}), so a run the server cannot hold is a 400
 * naming the need and the heap, before 201 and before any work. A trace run's heap sized from the
 * trace is checked when the upload is read, as nothing is known of it before.
 */
record RunSpec(String kind, String name, Map<String, Object> params, boolean needsUpload,
    Function<byte[], Stepper> launcher) {
  /** Largest simulated memory: the owner table and the allocators cost about 10 bytes a page. */
  static final long MAX_MEMORY = 16L << 30;
  /** Steps a trace run is cut into when {@code batch} is 0. */
  static final int TRACE_STEPS = 200;

  static final Param<Long> MEMORY = Param.size("memory", "1G", 1, MAX_MEMORY, "RAM of the simulated machine");
  static final Param<Integer> NODES = Param.integer("nodes", 1, 1, 64, "NUMA nodes, RAM split evenly");
  static final Param<Long> STEPS = Param.longInteger("steps", 0, 0, Long.MAX_VALUE,
      "steps to run; 0 takes the workload's own length");
  static final Param<Long> SEED = Param.seed("random seed");
  static final Param<Boolean> PCP = Param.flag("pcp", true, "per-CPU page lists on");
  static final Param<String> FREE_LIST_ORDER = Param.choice("freeListOrder", FreeListOrders.NAMES.get(0),
      FreeListOrders.NAMES, "which free block of an order the zones hand out: the kernel's lists or the lowest");
  static final List<Param<?>> WORKLOAD_PARAMS = List.of(MEMORY, NODES, STEPS, SEED, PCP, FREE_LIST_ORDER);

  static final Param<OptionalLong> TRACE_MEMORY = Param.sizeOrAuto("memory", 1, MAX_MEMORY,
      "RAM of the machine (auto: 16G), or the heap for mtrace (auto: sized from the trace)");
  static final Param<Integer> TRACE_NODES = Param.integer("nodes", 1, 1, 64, "NUMA nodes (page traces)");
  static final Param<String> MODE = Param.choice("mode", "recorded", List.of("recorded", "policy"),
      "page traces: recorded (the traced pfns) or policy (the model chooses)");
  static final Param<Long> UNIT = Param.size("unit", "16", 1, MAX_MEMORY,
      "mtrace: smallest heap block in bytes, a power of two");
  static final Param<Integer> BATCH = Param.integer("batch", 0, 0, Integer.MAX_VALUE,
      "events per step; 0 cuts the trace into about " + TRACE_STEPS + " steps");
  static final Param<String> FILE = Param.text("file", "upload", "the name parse errors give the trace");
  static final List<Param<?>> TRACE_PARAMS =
      List.of(TRACE_MEMORY, TRACE_NODES, MODE, UNIT, BATCH, FILE, FREE_LIST_ORDER);

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
    Map<String, String> given = given(body.get("params"));
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

  /**
   * The params object as the text {@code -p} would take: a string as it is, a number or boolean as
   * JSON writes it, a list of numbers joined by commas; a null leaves the parameter at its default.
   */
  private static Map<String, String> given(JsonNode params) {
    Map<String, String> given = new LinkedHashMap<>();
    if (params == null || params.isNull()) {
      return given;
    }
    if (!params.isObject()) {
      throw ApiException.badRequest("params must be an object of name: value");
    }
    for (Map.Entry<String, JsonNode> e : params.properties()) {
      JsonNode v = e.getValue();
      if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(x -> items.add(x.isValueNode() ? x.asText() : x.toString()));
        given.put(e.getKey(), String.join(",", items));
      } else if (v.isValueNode() && !v.isNull()) {
        given.put(e.getKey(), v.asText());
      } else if (!v.isNull()) {
        throw ApiException.badRequest("params." + Http.clip(e.getKey())
            + " must be a string, a number, true or false, or a list of numbers");
      }
    }
    return given;
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
      throw ApiException.badRequest(
          "unknown workload '" + name + "' (known: " + String.join(", ", Workloads.names()) + ")");
    }
    MachineConfig config = MachineConfig.of(p.get(MEMORY), p.get(NODES)).withPerCpuLists(p.get(PCP))
        .withFreeListOrder(FreeListOrders.parse(p.get(FREE_LIST_ORDER)));
    HeapBudget.require("parameter memory " + Sizes.format(p.get(MEMORY)), config.heapBytes());
    long steps = p.get(STEPS);
    long seed = p.get(SEED);
    return new RunSpec("workload", name, p.asJson(), false,
        upload -> new WorkloadStepper(name, config, seed, steps == 0 ? -1 : steps));
  }

  private static RunSpec scenario(String name, Map<String, String> given, List<Scenario> scenarios) {
    Scenario s = scenarios.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
        ApiException.badRequest("unknown scenario '" + name + "' (known: "
            + String.join(", ", scenarios.stream().map(Scenario::name).toList()) + ")"));
    Params p = Scenario.checked(s, given);
    return new RunSpec("scenario", name, p.asJson(), false, upload -> new ScenarioStepper(s, p));
  }

  private static RunSpec trace(String name, Params p) {
    MemoryTraceFormat format = name.equals("auto") ? null : MemoryTraceFormat.parse(name);
    PageReplay.Mode mode = p.get(MODE).equals("policy") ? PageReplay.Mode.POLICY : PageReplay.Mode.RECORDED;
    long unit = p.get(UNIT);
    p.require(Long.bitCount(unit) == 1, UNIT, "must be a power of two");
    long heapBytes = p.get(TRACE_MEMORY).orElse(-1);
    if (format == MemoryTraceFormat.MTRACE && heapBytes >= 0) {
      checkHeap(heapBytes, unit);
    }
    MachineConfig config = format == MemoryTraceFormat.MTRACE ? null
        : MachineConfig.of(p.get(TRACE_MEMORY).orElse(MAX_MEMORY), p.get(TRACE_NODES))
            .withFreeListOrder(FreeListOrders.parse(p.get(FREE_LIST_ORDER)));
    if (config != null && p.get(TRACE_MEMORY).isPresent()) {
      HeapBudget.require("parameter memory " + Sizes.format(p.get(TRACE_MEMORY).getAsLong()), config.heapBytes());
    }
    int batch = p.get(BATCH);
    String file = p.get(FILE);
    return new RunSpec("trace", name, p.asJson(), true, upload -> {
      RecordedTrace t = RecordedTrace.parse(upload, format, file);
      int per = batch > 0 ? batch : Math.max(1, (t.events() + TRACE_STEPS - 1) / TRACE_STEPS);
      if (t.format() == MemoryTraceFormat.MTRACE) {
        if (heapBytes >= 0) {
          checkHeap(heapBytes, unit);
        }
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
}
