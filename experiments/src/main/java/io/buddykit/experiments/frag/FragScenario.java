package io.buddykit.experiments.frag;

import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
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
  @Override
  public String name() {
    return "frag";
  }

  @Override
  public String description() {
    return "internal fragmentation: power-of-two rounding, exact page runs, growing arrays, slab vs buddy for small objects";
  }

  @Override
  public List<Param<?>> params() {
    return List.of(
        Param.text("requestsKiB", "62,90,35,10", "request sizes in KiB for the rounding and exact-allocation parts"),
        Param.text("pageKiB", "4", "page size in KiB for exact allocation and slabs"),
        Param.text("appends", "1000000", "8-byte elements appended to each dynamic array"),
        Param.text("arrays", "4", "dynamic arrays growing side by side on one heap (1: alone, every doubling in place)"),
        Param.text("factors", "2,1.5", "growth factors of the arrays"),
        Param.text("objects", "100000", "small objects in the size mix"),
        Param.text("objectMin", "8", "smallest object size in bytes"),
        Param.text("objectMax", "2048", "largest object size in bytes (at most 4096)"),
        Param.text("seed", "1", "random seed of the size mix"));
  }

  @Override
  public Result run(Params p) {
    List<Long> kib = p.getLongs("requestsKiB");
    long sum = 0;
    for (long k : kib) {
      p.require(k >= 1 && k <= 16384, "requestsKiB", "each must be in [1, 16384]");
      sum += k;
    }
    p.require(kib.size() <= 64 && sum <= 16384, "requestsKiB", "at most 64 requests of 16 MiB in all");
    long pageKiB = p.getLong("pageKiB");
    p.require(pageKiB >= 4 && pageKiB <= 64 && Long.bitCount(pageKiB) == 1, "pageKiB", "must be a power of two in [4, 64]");
    long appends = p.getLong("appends");
    p.require(appends >= 1 && appends <= 4_000_000, "appends", "must be in [1, 4000000]");
    int arrays = p.getInt("arrays");
    p.require(arrays >= 1 && arrays <= 16, "arrays", "must be in [1, 16]");
    p.require(appends * arrays <= 8_000_000, "appends", "times arrays must be at most 8000000");
    List<Double> factors = p.getDoubles("factors");
    for (double f : factors) {
      p.require(f > 1 && f <= 16, "factors", "each must be in (1, 16]");
    }
    p.require(factors.size() <= 4, "factors", "at most 4");
    int objects = p.getInt("objects");
    p.require(objects >= 1 && objects <= 2_000_000, "objects", "must be in [1, 2000000]");
    long min = p.getLong("objectMin");
    long max = p.getLong("objectMax");
    p.require(min >= 1 && min <= 4096, "objectMin", "must be in [1, 4096]");
    p.require(max >= min && max <= 4096, "objectMax", "must be in [objectMin, 4096]");
    long seed = p.getLong("seed");

    Result.Builder out = Result.builder(name(), p);
    rounding(out, kib, pageKiB << 10);
    arrays(out, factors, appends, arrays);
    smallObjects(out, new SizeMix(min, max, seed).draw(objects), pageKiB << 10);
    return out.build();
  }

  private static void rounding(Result.Builder out, List<Long> kib, long pageBytes) {
    List<Long> bytes = kib.stream().map(k -> k << 10).toList();
    RequestRounding.Report pow2 = RequestRounding.byteGranular(bytes);
    RequestRounding.Report pages = RequestRounding.pagesRounded(bytes, pageBytes);
    RequestRounding.Report exact = RequestRounding.pagesExact(bytes, pageBytes);
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
