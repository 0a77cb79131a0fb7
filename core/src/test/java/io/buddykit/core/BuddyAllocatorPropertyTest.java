package io.buddykit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Long random sequences of every operation, bad ones included, checked step by step against
 * {@link ReferenceModel}, under both {@link FreeListOrder}s: the chosen start, the first block of
 * every order (the lowest, or the head of Linux's list), buddyinfo, free accounting, requested
 * sizes, {@link BuddyAllocator#verify()}, and that allocation succeeds exactly when an aligned free
 * run exists. A failure prints its seed; {@code -Dbuddykit.seed=N} replays one seed, and
 * {@code -Dbuddykit.seeds=N -Dbuddykit.steps=M} (or {@code mvn verify -Plong}) runs longer.
 */
class BuddyAllocatorPropertyTest {
  private static final int SEEDS = Integer.getInteger("buddykit.seeds", 120);
  private static final int STEPS = Integer.getInteger("buddykit.steps", 1500);

  @ParameterizedTest
  @EnumSource(FreeListOrder.class)
  void matchesTheReferenceModel(FreeListOrder order) {
    forEachSeed(0x5eed, seed -> runAgainstModel(seed, order));
  }

  @ParameterizedTest
  @EnumSource(FreeListOrder.class)
  void keepsInvariantsWithListClassesAndAMergeVeto(FreeListOrder order) {
    forEachSeed(0xc1a55, seed -> runWithClassesAndVeto(seed, order));
  }

  private static void forEachSeed(long base, java.util.function.LongConsumer run) {
    Long only = Long.getLong("buddykit.seed");
    List<Long> seeds = new ArrayList<>();
    if (only != null) {
      seeds.add(only);
    } else {
      SplittableRandom r = new SplittableRandom(base);
      for (int i = 0; i < SEEDS; i++) {
        seeds.add(r.nextLong());
      }
    }
    for (long seed : seeds) {
      try {
        run.accept(seed);
      } catch (Throwable t) {
        throw new AssertionError(
            "failed for seed " + seed + " (replay: mvn -pl core test -Dbuddykit.seed=" + seed
                + " -Dtest=" + BuddyAllocatorPropertyTest.class.getSimpleName() + ")",
            t);
      }
    }
  }

  private void runAgainstModel(long seed, FreeListOrder order) {
    SplittableRandom r = new SplittableRandom(seed);
    int maxOrder = r.nextInt(0, 9);
    int units = r.nextBoolean() ? 1 << r.nextInt(0, 11) : r.nextInt(1, 1025);
    BuddyAllocator a = BuddyAllocator.builder(units, maxOrder).freeListOrder(order).build();
    ReferenceModel m = new ReferenceModel(units, maxOrder, order);
    check(a, m);
    for (int step = 0; step < STEPS; step++) {
      int op = r.nextInt(100);
      if (op < 25) {
        allocateOrder(a, m, r.nextInt(-1, maxOrder + 2));
      } else if (op < 35) {
        allocateSized(a, m, r.nextLong(-1, Math.min(units, 1L << maxOrder) + 2), false);
      } else if (op < 45) {
        allocateSized(a, m, r.nextLong(-1, Math.min(units, 1L << maxOrder) + 2), true);
      } else if (op < 75) {
        free(a, m, pick(r, m, units), r.nextInt(4) == 0);
      } else if (op < 80) {
        grow(a, m, pick(r, m, units));
      } else if (op < 82) {
        split(a, m, pick(r, m, units));
      } else if (op < 85) {
        allocateAt(a, m, r.nextLong(0, units), r.nextInt(0, maxOrder + 1));
      } else if (op < 91) {
        long start = r.nextLong(-2, units + 1);
        reserve(a, m, start, r.nextLong(-1, Math.min(64, units) + 1));
      } else if (op < 97) {
        releaseSome(a, m, r, units);
      } else {
        badCall(a, r, units, maxOrder);
      }
      check(a, m);
    }
    // Free everything and release every reservation: the space must be whole again.
    for (long start : new ArrayList<>(m.live.keySet())) {
      free(a, m, start, false);
    }
    for (int u = 0; u < units; u++) {
      if (m.state[u] == ReferenceModel.RESERVED) {
        int end = u;
        while (end < units && m.state[end] == ReferenceModel.RESERVED) {
          end++;
        }
        a.release(u, end - u);
        m.release(u, end - u);
      }
    }
    check(a, m);
    assertThat(a.freeUnits()).isEqualTo(units);
    assertThat(a.buddyInfo()).isEqualTo(BuddyAllocator.create(units, maxOrder).buddyInfo());
  }

  private static long pick(SplittableRandom r, ReferenceModel m, int units) {
    if (!m.live.isEmpty() && r.nextInt(4) != 0) {
      List<Long> starts = new ArrayList<>(m.live.keySet());
      return starts.get(r.nextInt(starts.size()));
    }
    return r.nextLong(-2, units + 2);
  }

  private static void allocateOrder(BuddyAllocator a, ReferenceModel m, int order) {
    if (order < 0 || order > m.maxOrder) {
      assertUnchanged(a, x -> x.tryAllocate(order), InvalidRequestException.class);
      return;
    }
    long expected = m.expectedStart(order);
    assertThat(expected >= 0).as("run of 2^%d exists", order).isEqualTo(m.alignedRunExists(order));
    if (expected < 0) {
      assertUnchanged(a, x -> x.allocate(order), OutOfSpaceException.class);
      assertThat(a.tryAllocate(order)).isEqualTo(-1);
      return;
    }
    long start = a.allocate(order);
    assertThat(start).isEqualTo(expected);
    assertThat(m.allocate(order, 1L << order, false)).isEqualTo(start);
  }

  private static void allocateSized(BuddyAllocator a, ReferenceModel m, long n, boolean exact) {
    Function<BuddyAllocator, Object> call =
        exact ? x -> x.tryAllocateExact(n) : x -> x.tryAllocateUnits(n);
    if (n < 1 || n > m.units || BuddyAllocator.orderFor(n) > m.maxOrder) {
      assertUnchanged(a, call, InvalidRequestException.class);
      return;
    }
    int order = BuddyAllocator.orderFor(n);
    long expected = m.expectedStart(order);
    long start = (long) call.apply(a);
    assertThat(start).isEqualTo(expected);
    if (start >= 0) {
      boolean isExact = exact && n != 1L << order;
      assertThat(m.allocate(order, n, exact)).isEqualTo(start);
      assertThat(a.sizeOf(start)).isEqualTo(isExact ? n : 1L << order);
      assertThat(a.requestedOf(start)).isEqualTo(n);
      assertThat(a.orderOf(start)).isEqualTo(order);
    }
  }

  private static void allocateAt(BuddyAllocator a, ReferenceModel m, long unit, int order) {
    long start = unit & -(1L << order);
    if (start + (1L << order) > m.units) {
      assertUnchanged(a, x -> x.tryAllocateAt(start + (1L << order), order), InvalidRequestException.class);
      return;
    }
    boolean free = m.allFree(start, start + (1L << order));
    Fingerprint before = Fingerprint.of(a);
    assertThat(a.tryAllocateAt(start, order)).isEqualTo(free);
    if (free) {
      m.allocateAt(start, order);
    } else {
      assertThat(Fingerprint.of(a)).isEqualTo(before);
    }
  }

  private static void free(BuddyAllocator a, ReferenceModel m, long start, boolean toTail) {
    if (start < 0 || start >= m.units) {
      assertUnchanged(a, x -> { x.free(start); return null; }, InvalidRequestException.class);
    } else if (!m.live.containsKey(start)) {
      assertUnchanged(a, x -> { x.free(start, 0, toTail); return null; }, NotLiveException.class);
    } else {
      if (toTail) {
        a.free(start, 0, true);
      } else {
        a.free(start);
      }
      m.free(start, toTail);
    }
  }

  private static void grow(BuddyAllocator a, ReferenceModel m, long start) {
    ReferenceModel.Live l = m.live.get(start);
    if (l == null) {
      assertUnchanged(a, x -> x.tryGrowInPlace(start), BuddyException.class);
      return;
    }
    if (l.exact()) {
      assertUnchanged(a, x -> x.tryGrowInPlace(start), InvalidRequestException.class);
      return;
    }
    int k = l.order();
    boolean possible =
        k < m.maxOrder
            && (start & (1L << k)) == 0
            && m.allFree(start + (1L << k), start + (2L << k));
    Fingerprint before = Fingerprint.of(a);
    assertThat(a.tryGrowInPlace(start)).isEqualTo(possible);
    if (possible) {
      m.grow(start);
    } else {
      assertThat(Fingerprint.of(a)).isEqualTo(before);
    }
  }

  private static void split(BuddyAllocator a, ReferenceModel m, long start) {
    ReferenceModel.Live l = m.live.get(start);
    if (l == null || l.exact() || l.order() == 0) {
      assertUnchanged(a, x -> { x.split(start); return null; }, BuddyException.class);
      return;
    }
    a.split(start);
    m.split(start);
  }

  private static void reserve(BuddyAllocator a, ReferenceModel m, long start, long n) {
    if (n < 1 || start < 0 || start >= m.units || n > m.units - start) {
      assertUnchanged(a, x -> { x.reserve(start, n); return null; }, InvalidRequestException.class);
    } else if (!m.allFree(start, start + n)) {
      assertUnchanged(a, x -> { x.reserve(start, n); return null; }, RangeStateException.class);
    } else {
      a.reserve(start, n);
      m.reserve(start, n);
    }
  }

  private static void releaseSome(BuddyAllocator a, ReferenceModel m, SplittableRandom r, int units) {
    long start = r.nextLong(0, units);
    long n = r.nextLong(1, Math.min(32, units - start) + 1);
    if (m.allReserved(start, start + n)) {
      a.release(start, n);
      m.release(start, n);
    } else {
      assertUnchanged(a, x -> { x.release(start, n); return null; }, RangeStateException.class);
    }
  }

  private static void badCall(BuddyAllocator a, SplittableRandom r, int units, int maxOrder) {
    switch (r.nextInt(6)) {
      case 0 -> assertUnchanged(a, x -> x.allocate(maxOrder + 1 + r.nextInt(60)), InvalidRequestException.class);
      case 1 -> assertUnchanged(a, x -> x.allocateUnits(-r.nextInt(5)), InvalidRequestException.class);
      case 2 -> assertUnchanged(a, x -> x.allocateExact(units + 1 + r.nextInt(10)), InvalidRequestException.class);
      case 3 -> assertUnchanged(a, x -> x.orderOf(units + r.nextInt(10)), InvalidRequestException.class);
      case 4 -> assertUnchanged(a, x -> { x.release(0, 0); return null; }, InvalidRequestException.class);
      default -> assertUnchanged(a, x -> x.allocate(0, 1), InvalidRequestException.class);
    }
  }

  static void assertUnchanged(
      BuddyAllocator a, Function<BuddyAllocator, Object> call, Class<? extends Throwable> type) {
    Fingerprint before = Fingerprint.of(a);
    try {
      call.apply(a);
      fail("expected " + type.getSimpleName());
    } catch (BuddyException e) {
      assertThat(e).isInstanceOf(type);
      assertThat(e.getMessage()).isNotBlank();
    }
    assertThat(Fingerprint.of(a)).isEqualTo(before);
  }

  private static void check(BuddyAllocator a, ReferenceModel m) {
    a.verify();
    m.checkLists();
    for (int k = 0; k <= m.maxOrder; k++) {
      assertThat(a.firstFreeBlock(k, 0)).as("first free block of order %d", k).isEqualTo(m.first(k));
    }
    assertThat(a.buddyInfo()).isEqualTo(m.buddyInfo());
    assertThat(a.freeUnits()).isEqualTo(m.freeUnits());
    assertThat(a.liveAllocations()).isEqualTo(m.live.size());
    assertThat(a.liveRequestedUnits()).isEqualTo(m.requested());
    assertThat(a.freeUnits() + a.reservedUnits() + a.liveUnits()).isEqualTo(m.units);
    int largest = -1;
    long[] info = m.buddyInfo();
    for (int k = 0; k < info.length; k++) {
      largest = info[k] > 0 ? k : largest;
    }
    assertThat(a.largestFreeOrder()).isEqualTo(largest);
  }

  // ------------------------------------------------------------ list classes and merge vetoes

  private void runWithClassesAndVeto(long seed, FreeListOrder order) {
    SplittableRandom r = new SplittableRandom(seed);
    int maxOrder = r.nextInt(1, 9);
    int units = r.nextInt(1, 1025);
    int classes = r.nextInt(1, 4);
    long[] salt = {r.nextLong()};
    // A deterministic veto: a pseudo-random half of the merges above order 1 are refused; a new
    // salt (then coalesce()) changes which.
    MergePolicy veto = (left, k) -> k < 2 || ((left * 0x9E3779B97F4A7C15L ^ salt[0]) >>> 63) == 0;
    BuddyAllocator a =
        BuddyAllocator.builder(units, maxOrder).listClasses(classes).mergePolicy(veto).freeListOrder(order).build();
    List<Long> live = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      int op = r.nextInt(10);
      if (op < 5) {
        long start = a.tryAllocate(r.nextInt(0, maxOrder + 1), r.nextInt(classes));
        if (start >= 0) {
          live.add(start);
        }
      } else if (op < 9 && !live.isEmpty()) {
        long start = live.remove(r.nextInt(live.size()));
        switch (r.nextInt(3)) {
          case 0 -> a.free(start);
          case 1 -> a.free(start, r.nextInt(classes));
          default -> a.free(start, r.nextInt(classes), true);
        }
      } else if (r.nextBoolean()) {
        long start = r.nextLong(0, units);
        a.moveFreeBlocks(start, r.nextLong(1, units - start + 1), r.nextInt(classes));
      } else {
        salt[0] = r.nextLong();
        a.coalesce();
      }
      a.verify();
      long sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += BuddyInfo.freeUnits(a.buddyInfo(c));
      }
      assertThat(sum).isEqualTo(a.freeUnits());
    }
    for (long start : live) {
      a.free(start);
    }
    a.verify();
    assertThat(a.freeUnits()).isEqualTo(units);
  }
}
