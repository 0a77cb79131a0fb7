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

  @Test
  void roundingNearTheLargestLongNeverOverflows() {
    // 2^63 - 2 bytes in 3-byte units: 3,074,457,345,618,258,602 units, exactly 2^63 - 2 bytes, order 62
    // (2^61 < units <= 2^62). (bytes + unit - 1) / unit wrapped to -3,074,457,345,618,258,602 units.
    RequestRounding.Grant g = RequestRounding.grant(Long.MAX_VALUE - 1, 3, true);
    assertThat(g.grantedBytes()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(g.wastedBytes()).isZero();
    assertThat(g.order()).isEqualTo(62);
    // As a power of two: 2^62 units of 3 bytes, past 2^63 - 1.
    assertThatThrownBy(() -> RequestRounding.grant(Long.MAX_VALUE - 1, 3, false))
        .hasMessageContaining("too large").hasMessageContaining("2^62 units of 3 bytes");
    // The issue's: 2^63 - 1 bytes in 2-byte units is 2^62 units, 2^63 bytes; it was "granted" 2 bytes.
    assertThatThrownBy(() -> RequestRounding.grant(Long.MAX_VALUE, 2, false))
        .hasMessageContaining("too large").hasMessageContaining("2^62 units of 2 bytes");
    assertThatThrownBy(() -> RequestRounding.rounded(List.of(1L, Long.MAX_VALUE), 2, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("request 2: ");
  }

  @Test
  void totalsPastTheLargestLongNameTheRequest() {
    assertThatThrownBy(() -> RequestRounding.rounded(List.of(1L << 62, 1L << 62), 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request 2 (4611686018427387904 bytes) takes the total past 9223372036854775807 bytes");
    RequestRounding.Report r = RequestRounding.rounded(List.of(1L << 62, (1L << 62) - 1), 1, true);
    assertThat(r.requestedBytes()).isEqualTo(Long.MAX_VALUE);
    assertThat(r.grantedBytes()).isEqualTo(Long.MAX_VALUE);
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
