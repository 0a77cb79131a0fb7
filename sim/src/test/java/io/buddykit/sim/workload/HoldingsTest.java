package io.buddykit.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Holdings as a table (reserve, add, swap-remove, pick) and as the machine's listener. */
class HoldingsTest {
  @Test
  void tagsStartAtOneAndAreReusedAfterRemoval() {
    Holdings h = new Holdings();
    int a = h.reserve();
    int b = h.reserve();
    assertThat(a).isEqualTo(1);
    assertThat(b).isEqualTo(2);
    h.add(a, 100, 0, PageKind.ANON);
    h.cancel(b);
    assertThat(h.reserve()).isEqualTo(b);
    h.remove(a);
    assertThat(h.isLive(a)).isFalse();
    assertThat(h.reserve()).isEqualTo(a);
  }

  @Test
  void countsPagesPerKindAndSwapRemoveKeepsTheRestReachable() {
    Holdings h = new Holdings();
    int[] tags = new int[100];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = h.reserve();
      h.add(tags[i], 1000L + 16 * i, i % 3, i % 2 == 0 ? PageKind.PAGE_CACHE : PageKind.KERNEL);
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.count(PageKind.PAGE_CACHE)).isEqualTo(50);
    long pages = 0;
    for (int i = 0; i < tags.length; i++) {
      pages += 1L << (i % 3);
    }
    assertThat(h.pages()).isEqualTo(pages);
    for (int i = 0; i < tags.length; i += 3) {
      h.remove(tags[i]);
      pages -= 1L << (i % 3);
    }
    assertThat(h.pages()).isEqualTo(pages);
    Set<Integer> listed = new HashSet<>();
    for (PageKind k : PageKind.values()) {
      for (int i = 0; i < h.count(k); i++) {
        int t = h.tag(k, i);
        assertThat(h.kind(t)).isEqualTo(k);
        listed.add(t);
      }
    }
    for (int i = 0; i < tags.length; i++) {
      assertThat(listed.contains(tags[i])).isEqualTo(i % 3 != 0);
      if (i % 3 != 0) {
        assertThat(h.pfn(tags[i])).isEqualTo(1000L + 16 * i);
      }
    }
  }

  @Test
  void pickDrawsOnlyLiveTagsOfTheKind() {
    Holdings h = new Holdings();
    SplittableRandom r = new SplittableRandom(3);
    assertThat(h.pick(PageKind.ANON, r)).isEqualTo(-1);
    for (int i = 0; i < 10; i++) {
      h.add(h.reserve(), i, 0, i < 4 ? PageKind.ANON : PageKind.KERNEL);
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int t = h.pick(PageKind.ANON, r);
      assertThat(h.kind(t)).isEqualTo(PageKind.ANON);
      seen.add(t);
    }
    assertThat(seen).hasSize(4);
  }

  @Test
  void listenerMovesAndDropsTags() {
    Holdings h = new Holdings();
    int t = h.reserve();
    h.add(t, 512, 2, PageKind.PAGE_CACHE);
    h.migrated(t, 512, 2048, 2);
    assertThat(h.pfn(t)).isEqualTo(2048);
    assertThat(h.migrations()).isEqualTo(1);
    h.reclaimed(t, 2048, 2);
    assertThat(h.isLive(t)).isFalse();
    assertThat(h.reclaims()).isEqualTo(1);
    assertThat(h.pages()).isZero();
  }

  @Test
  void aReportThatDisagreesWithTheRecordIsABug() {
    Holdings h = new Holdings();
    int t = h.reserve();
    h.add(t, 512, 0, PageKind.ANON);
    assertThatThrownBy(() -> h.migrated(t, 513, 600, 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> h.reclaimed(t, 512, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> h.reclaimed(t + 1, 512, 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> h.remove(t + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.add(t, 512, 0, PageKind.ANON)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.cancel(t)).isInstanceOf(IllegalArgumentException.class);
    assertThat(h.pfn(t)).isEqualTo(512);
  }
}
