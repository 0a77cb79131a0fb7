package io.buddykit.experiments.splitcoalesce;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import io.buddykit.scenario.ResultTable;
import io.buddykit.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The buddy system at its smallest: 64 pages taken through three allocations and three frees,
 * with the memory map and free blocks per order after each step, so that splitting on the way in
 * and coalescing on the way out can be read off line by line.
 */
public final class SplitCoalesceScenario implements Scenario {
  @Override
  public String name() {
    return "splitcoalesce";
  }

  @Override
  public String description() {
    return "64 pages through three allocations and three frees: every split and every merge";
  }

  @Override
  public List<Param<?>> params() {
    return List.of();
  }

  @Override
  public Result run(Params p) {
    BuddyAllocator a = BuddyAllocator.create(64, 6);
    List<Long> owners = new ArrayList<>();
    ResultTable.Builder steps = ResultTable.builder("step", "map", "o0", "o1", "o2", "o3", "o4", "o5", "o6");
    step(steps, a, owners, "start: one free block of order 6");
    long pa = a.allocate(0);
    owners.add(pa);
    step(steps, a, owners, "A = order 0 at " + pa + ": 64 splits into 32+16+8+4+2+1");
    long pb = a.allocate(3);
    owners.add(pb);
    step(steps, a, owners, "B = order 3 at " + pb + ": a free order-3 block, no split");
    long pc = a.allocateUnits(3);
    owners.add(pc);
    step(steps, a, owners, "C = 3 pages at " + pc + ": rounded to order 2, one page wasted");
    a.free(pb);
    step(steps, a, owners, "free B: its buddy [0, 8) holds A and C, so it stays order 3");
    a.free(pa);
    step(steps, a, owners, "free A: merges with page 1, then [2, 4), stops at live C");
    a.free(pc);
    step(steps, a, owners, "free C: everything coalesces back into one order-6 block");
    a.verify();
    return Result.builder(name(), p)
        .number("merges back to one block", a.buddyInfo()[6])
        .table("steps", steps.build())
        .build();
  }

  private static void step(ResultTable.Builder t, BuddyAllocator a, List<Long> owners, String action) {
    long[] info = a.buddyInfo();
    Object[] row = new Object[info.length + 2];
    row[0] = action;
    row[1] = map(a, owners);
    for (int k = 0; k < info.length; k++) {
      row[k + 2] = info[k];
    }
    t.row(row);
  }

  /** One character per page: '.' free, a letter per live allocation. */
  static String map(BuddyAllocator a, List<Long> owners) {
    char[] map = new char[(int) a.units()];
    Arrays.fill(map, '#');
    a.forEachFreeBlock((start, size, order, cls) -> Arrays.fill(map, (int) start, (int) (start + size), '.'));
    a.forEachLive((start, size, order, cls) ->
        Arrays.fill(map, (int) start, (int) (start + size), (char) ('A' + owners.indexOf(start))));
    return new String(map);
  }
}
