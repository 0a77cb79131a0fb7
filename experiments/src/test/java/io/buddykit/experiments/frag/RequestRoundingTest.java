package io.buddykit.experiments.frag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.core.BuddyAllocator;
import io.buddykit.core.FreeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rounding arithmetic grants what the core allocator grants, and names the tail it frees. */
class RequestRoundingTest {

  @Test
  void agreesWithTheCoreAllocator() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 500; i++) {
      long units = r.nextLong(1, 5000);
      BuddyAllocator a = BuddyAllocator.create(1 << 13, 13);
      boolean exact = r.nextBoolean();
      long start = exact ? a.allocateExact(units) : a.allocateUnits(units);
      RequestRounding.Grant g = RequestRounding.grant(units * 4096 - r.nextLong(4096), 4096, exact);
      assertThat(g.grantedBytes()).as("%d units", units).isEqualTo(a.sizeOf(start) * 4096);
      assertThat(g.order()).isEqualTo(a.orderOf(start));
      if (exact) {
        assertThat(g.tailFreedAs()).isEqualTo(freeBlocks(a, start + units, start + (1L << g.order())));
      }
    }
  }

  @Test
  void hugeRequestsNeedNoSpace() {
    RequestRounding.Grant g = RequestRounding.grant((1L << 40) + 1, 1, false);
    assertThat(g.order()).isEqualTo(41);
    assertThat(g.wastedBytes()).isEqualTo((1L << 40) - 1);
    assertThatThrownBy(() -> RequestRounding.grant(Long.MAX_VALUE, 1, false)).hasMessageContaining("too large");
    assertThatThrownBy(() -> RequestRounding.rounded(List.of(1L), 0, false)).hasMessageContaining("unit");
  }

  private static String freeBlocks(BuddyAllocator a, long from, long to) {
    List<String> parts = new ArrayList<>();
    for (long p = from; p < to; ) {
      long b = a.freeBlockContaining(p);
      parts.add("o" + FreeBlock.order(b));
      p = FreeBlock.end(b);
    }
    return parts.isEmpty() ? "none" : String.join(" + ", parts);
  }
}
