package io.buddykit.experiments.frag;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Range;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's internal fragmentation, measured on the core allocator: the 62/90/35/10 KiB example
 * rounded to powers of two, the same requests as exact page runs (alloc_pages_exact), dynamic
 * arrays growing by 2x and 1.5x on a buddy heap with and without in-place growth, and small
 * objects in kmalloc's slabs versus their own buddy blocks.
 */
public final class FragScenario implements Scenario {
  static final Param<List<Long>> REQUESTS_KIB = Param.integers("requestsKiB", "62,90,35,10", 1, 16384,
      "request sizes for the rounding and exact-allocation parts: at most 64, 16 MiB in all").withUnit("KiB");
  static final Param<Long> PAGE_KIB = Param.longInteger("pageKiB", 4, 4, 64,
      "page size for exact allocation and slabs, a power of two").withUnit("KiB");
  static final Param<Long> APPENDS = Param.longInteger("appends", 1_000_000, 1, 4_000_000,
      "8-byte elements appended to each dynamic array (times arrays at most 8000000)");
  static final Param<Integer> ARRAYS = Param.integer("arrays", 4, 1, 16,
      "dynamic arrays growing side by side on one heap (1: alone, every doubling in place)");
  static final Param<List<Double>> FACTORS = Param.numbers("factors", "2,1.5", Range.openClosed(1, 16),
      "growth factors of the arrays, at most 4");
  static final Param<Integer> OBJECTS = Param.integer("objects", 100_000, 1, 2_000_000,
      "small objects in the size mix");
  static final Param<Long> OBJECT_MIN = Param.longInteger("objectMin", 8, 1, 4096, "smallest object size")
      .withUnit("bytes");
  static final Param<Long> OBJECT_MAX = Param.longInteger("objectMax", 2048, 1, 4096,
      "largest object size, at least objectMin").withUnit("bytes");
  static final Param<Long> SEED = Param.seed("random seed of the size mix");

  @Override
  public String name() {
    return "frag";
  }

  @Override
  public String description() {
    return "internal fragmentation: power-of-two rounding, exact page runs, growing arrays, slab vs buddy"
        + " for small objects";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(REQUESTS_KIB, PAGE_KIB, APPENDS, ARRAYS, FACTORS, OBJECTS, OBJECT_MIN, OBJECT_MAX, SEED);
  }

  @Override
  public Result run(Params p) {
    List<Long> kib = p.get(REQUESTS_KIB);
    p.require(kib.size() <= 64 && kib.stream().mapToLong(Long::longValue).sum() <= 16384, REQUESTS_KIB,
        "at most 64 requests of 16 MiB in all");
    long pageKiB = p.get(PAGE_KIB);
    p.require(Long.bitCount(pageKiB) == 1, PAGE_KIB, "must be a power of two in [4, 64]");
    long appends = p.get(APPENDS);
    int arrays = p.get(ARRAYS);
    p.require(appends * arrays <= 8_000_000, APPENDS, "times arrays must be at most 8000000");
    List<Double> factors = p.get(FACTORS);
    p.require(factors.size() <= 4, FACTORS, "at most 4");
    long min = p.get(OBJECT_MIN);
    long max = p.get(OBJECT_MAX);
    p.require(max >= min, OBJECT_MAX, "must be in [objectMin, 4096]");

    Result.Builder out = Result.builder(name(), p);
    rounding(out, kib, pageKiB << 10);
    arrays(out, factors, appends, arrays);
    smallObjects(out, new SizeMix(min, max, p.get(SEED)).draw(p.get(OBJECTS)), pageKiB << 10);
    return out.build();
  }

  private static void rounding(Result.Builder out, List<Long> kib, long pageBytes) {
    List<Long> bytes = kib.stream().map(k -> k << 10).toList();
    RequestRounding.Report pow2 = RequestRounding.rounded(bytes, 1, false);
    RequestRounding.Report pages = RequestRounding.rounded(bytes, pageBytes, false);
    RequestRounding.Report exact = RequestRounding.rounded(bytes, pageBytes, true);
    ResultTable.Builder t = ResultTable.builder("requested KiB", "power of two KiB", "wasted KiB",
        "pages (alloc_pages) KiB", "exact pages", "exact KiB", "exact wasted KiB", "tail freed as");
    for (int i = 0; i < bytes.size(); i++) {
      RequestRounding.Grant a = pow2.grants().get(i);
      RequestRounding.Grant b = pages.grants().get(i);
      RequestRounding.Grant e = exact.grants().get(i);
      t.row(kib.get(i), a.grantedBytes() >> 10, kb(a.wastedBytes()), b.grantedBytes() >> 10,
          e.grantedBytes() / pageBytes, e.grantedBytes() >> 10, kb(e.wastedBytes()), e.tailFreedAs());
    }
    out.number("requestedKiB", kb(pow2.requestedBytes()))
        .number("allocatedKiB", kb(pow2.grantedBytes()))
        .number("wastedKiB", kb(pow2.wastedBytes()))
        .number("wasteFraction", pow2.wasteFraction())
        .number("exact.grantedPages", exact.grantedBytes() / pageBytes)
        .number("exact.grantedKiB", kb(exact.grantedBytes()))
        .number("exact.wastedKiB", kb(exact.wastedBytes()))
        .number("exact.wasteFraction", exact.wasteFraction())
        .number("pages.grantedKiB", kb(pages.grantedBytes()))
        .number("pages.wasteFraction", pages.wasteFraction())
        .table("requests", t.build());
  }

  /** KiB, whole when it is whole (the seed's figures are). */
  private static double kb(long bytes) {
    return bytes / 1024.0;
  }

  private static void arrays(Result.Builder out, List<Double> factors, long appends, int arrays) {
    ResultTable.Builder t = ResultTable.builder("policy", "growths", "moves", "in-place growths",
        "slack reuses", "bytes copied", "copied per byte appended", "held / used (time average)",
        "capacity / used (time average)", "peak bytes held", "final bytes held", "final bytes used");
    List<ArrayGrowthRun.Outcome> runs = new ArrayList<>();
    for (double f : factors) {
      for (boolean inPlace : new boolean[] {false, true}) {
        runs.add(ArrayGrowthRun.run(new GrowthPolicy(f, inPlace), appends, arrays, 200));
      }
    }
    for (ArrayGrowthRun.Outcome o : runs) {
      GrowthStats s = o.stats();
      long usedBytes = o.finalUsedUnits() * ArrayGrowthRun.ELEMENT_BYTES;
      t.row(o.policy().label(), s.growths(), s.moves(), s.inPlaceGrowths(), s.slackReuses(), o.bytesCopied(),
          o.bytesCopied() / (double) usedBytes, o.grantedOverUsed(), o.capacityOverUsed(), o.peakBytes(),
          o.finalGrantedUnits() * ArrayGrowthRun.ELEMENT_BYTES, usedBytes);
      String k = "array." + o.policy().label().replace(' ', '-') + ".";
      out.number(k + "bytesCopied", o.bytesCopied())
          .number(k + "inPlaceGrowths", s.inPlaceGrowths())
          .number(k + "moves", s.moves())
          .number(k + "heldOverUsed", o.grantedOverUsed())
          .number(k + "peakBytes", o.peakBytes());
      out.series("array " + o.policy().label(), o.series());
    }
    out.table("arrays", t.build());
  }

  private static void smallObjects(Result.Builder out, long[] sizes, long pageBytes) {
    SmallObjects.Outcome o = SmallObjects.serve(sizes, pageBytes);
    ResultTable.Builder ways = ResultTable.builder("served by", "objects", "requested bytes", "granted bytes",
        "wasted bytes", "waste fraction", "bytes per object");
    for (SmallObjects.Way w : o.ways()) {
      ways.row(w.name(), w.objects(), w.requestedBytes(), w.grantedBytes(), w.wastedBytes(), w.wasteFraction(),
          w.bytesPerObject());
    }
    ResultTable.Builder classes = ResultTable.builder("kmalloc class", "objects", "per slab", "slabs",
        "requested bytes", "slab bytes", "own-block bytes");
    Kmalloc k = o.kmalloc();
    for (int c = 0; c < Kmalloc.CLASSES.length; c++) {
      if (k.objects(c) > 0) {
        classes.row("kmalloc-" + Kmalloc.CLASSES[c], k.objects(c), k.perSlab(c), k.slabs(c), k.requestedBytes(c),
            k.grantedBytes(c), o.roundedByClass()[c]);
      }
    }
    out.number("slab.bytesPerObject", o.slab().bytesPerObject())
        .number("slab.wasteFraction", o.slab().wasteFraction())
        .number("rounded.bytesPerObject", o.rounded().bytesPerObject())
        .number("rounded.wasteFraction", o.rounded().wasteFraction())
        .number("pagePerObject.bytesPerObject", o.pagePerObject().bytesPerObject())
        .table("smallObjects", ways.build())
        .table("kmallocClasses", classes.build());
  }
}
