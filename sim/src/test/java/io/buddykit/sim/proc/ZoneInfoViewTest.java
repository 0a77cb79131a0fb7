package io.buddykit.sim.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The allocator lines of /proc/zoneinfo against zoneinfo_show_print's formats, with watermarks
 * and lowmem reserves worked out by hand from __setup_per_zone_wmarks and
 * setup_per_zone_lowmem_reserve.
 */
class ZoneInfoViewTest {
  @Test
  void flatMachineWithItsEmptyZones() {
    // min_free_kbytes = int_sqrt(16384 pages * 4 KiB * 16) = 1024 KiB = 256 pages, split by
    // managed pages: DMA 256 * 4096 / 16384 = 64, DMA32 192. Gaps are max(min / 4, 0.1%):
    // 16 and 48. DMA keeps DMA32's 12288 managed / 256 = 48 from higher requests.
    // Normal, Movable and Device have no memory: printed without the per-zone counters, all zero
    // but Movable's marks, capped from below at SWAP_CLUSTER_MAX = 32 with gaps of 0, as a Linux
    // 6.18 /proc/zoneinfo prints them; five protection columns, one per zone type (MAX_NR_ZONES).
    assertThat(ZoneInfoView.render(TestMachines.flat(true))).isEqualTo("""
        Node 0, zone      DMA
          pages free     4096
                boost    0
                min      64
                low      80
                high     96
                promo    112
                spanned  4096
                present  4096
                managed  4096
                cma      0
                protection: (0, 48, 48, 48, 48)
              nr_free_pages 4096
        Node 0, zone    DMA32
          pages free     12288
                boost    0
                min      192
                low      240
                high     288
                promo    336
                spanned  12288
                present  12288
                managed  12288
                cma      0
                protection: (0, 0, 0, 0, 0)
              nr_free_pages 12288
        Node 0, zone   Normal
          pages free     0
                boost    0
                min      0
                low      0
                high     0
                promo    0
                spanned  0
                present  0
                managed  0
                cma      0
                protection: (0, 0, 0, 0, 0)
        Node 0, zone  Movable
          pages free     0
                boost    0
                min      32
                low      32
                high     32
                promo    32
                spanned  0
                present  0
                managed  0
                cma      0
                protection: (0, 0, 0, 0, 0)
        Node 0, zone   Device
          pages free     0
                boost    0
                min      0
                low      0
                high     0
                promo    0
                spanned  0
                present  0
                managed  0
                cma      0
                protection: (0, 0, 0, 0, 0)
        """);
  }

  @Test
  void bootReservationsLowerManagedAndTheMarks() {
    // DMA spans [1, 4096) with RAM [1, 160) and [256, 4096): 4095 spanned, 3999 present, 3840
    // managed after the first 1 MiB is reserved. DMA32 manages 9952 of 12288. THP is off, so
    // min_free_kbytes = int_sqrt(13792 * 4 * 16) = 939 KiB = 234 pages: DMA 234 * 3840 / 13792 =
    // 65, gap 65 / 4 = 16; DMA32 234 * 9952 / 13792 = 168, gap 42. DMA's reserve is 9952 / 256 = 38.
    String text = ZoneInfoView.render(TestMachines.bootedWithHoles());
    assertThat(text).startsWith("""
        Node 0, zone      DMA
          pages free     3840
                boost    0
                min      65
                low      81
                high     97
                promo    113
                spanned  4095
                present  3999
                managed  3840
                cma      0
                protection: (0, 38, 38, 38, 38)
              nr_free_pages 3840
        Node 0, zone    DMA32
          pages free     9952
                boost    0
                min      168
                low      210
                high     252
                promo    294
                spanned  12288
                present  12288
                managed  9952
                cma      0
                protection: (0, 0, 0, 0, 0)
              nr_free_pages 9952
        Node 0, zone   Normal
        """);
  }
}
