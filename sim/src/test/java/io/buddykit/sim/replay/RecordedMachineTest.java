package io.buddykit.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.sim.Machine;
import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Zone;
import io.buddykit.sim.ZoneType;
import io.buddykit.trace.record.ProcSnapshot;
import io.buddykit.trace.record.RecordedShape;
import io.buddykit.trace.TraceStats;
import io.buddykit.trace.memory.FtraceReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecordedMachineTest {
  private static final Path FIXTURES = Path.of("../sim/src/main/resources/io/buddykit/sim/replay/kernel");

  private static RecordedShape shape(String name) {
    return RecordedShape.read(FIXTURES.resolve(name).resolve("kmem.trace.gz.shape.json"));
  }

  private static Zone zone(Machine m, int nid, String name) {
    return m.node(nid).zones().stream().filter(z -> z.type().procName().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Every recorded zone comes out with the recorded start, span, managed pages, watermarks and
   * lowmem reserves; present pages are the recorded ones but for DMA, one more (the model's low
   * hole is 640 KiB-1 MiB; this firmware also keeps the page below 640 KiB).
   */
  @ParameterizedTest
  @ValueSource(strings = {"build", "churn", "copy"})
  void theModelMachineHasTheRecordedZones(String fixture) {
    RecordedShape s = shape(fixture);
    MachineConfig c = RecordedMachine.config(s);
    assertThat(c.cpusPerNode() * c.nodes()).isEqualTo(s.cpus());
    assertThat(c.minFreeKbytes()).isEqualTo(s.minFreeKbytes());
    assertThat(c.watermarkScaleFactor()).isEqualTo(s.watermarkScaleFactor());
    Machine m = Machine.booted(c);
    List<ProcSnapshot.ZoneFacts> recorded = s.before().zones().stream().filter(z -> z.present() > 0).toList();
    assertThat(m.zones()).hasSameSizeAs(recorded);
    for (ProcSnapshot.ZoneFacts r : recorded) {
      Zone z = zone(m, r.node(), r.zone());
      assertThat(z.startPfn()).as(r.zone() + " start_pfn").isEqualTo(r.startPfn());
      assertThat(z.spannedPages()).as(r.zone() + " spanned").isEqualTo(r.spanned());
      assertThat(z.presentPages()).as(r.zone() + " present")
          .isEqualTo(r.present() + (z.type() == ZoneType.DMA ? 1 : 0));
      assertThat(z.managedPages()).as(r.zone() + " managed").isEqualTo(r.managed());
      assertThat(z.watermarks().min()).as(r.zone() + " min").isEqualTo(r.min());
      assertThat(z.watermarks().low()).as(r.zone() + " low").isEqualTo(r.low());
      assertThat(z.watermarks().high()).as(r.zone() + " high").isEqualTo(r.high());
    }
  }

  /**
   * The 2-CPU Linux 6.18.44 VM of the fixtures, by hand: RAM to 3 GiB and 21 GiB from 4 GiB, so
   * 24 GiB with the holes; managed 3840 + 772818 + 2162688 = 2939346 pages; min_free_kbytes 67584
   * is 16896 pages, of which Normal's share (__setup_per_zone_wmarks, Linux 6.18) is
   * 16896 * 2162688 / 2939346 = 12431; low = min + max(min / 4, managed * 10 / 10000) = 12431 +
   * max(3107, 2162) = 15538; high = 12431 + 2 * 3107 = 18645. DMA's lowmem reserve against
   * DMA32 requests is 772818 / 256 = 3018 and against Normal (772818 + 2162688) / 256 = 11466
   * (setup_per_zone_lowmem_reserve, ratio 256); DMA32's against Normal 2162688 / 256 = 8448.
   */
  @Test
  void theFixturesMachineByHand() {
    MachineConfig c = RecordedMachine.config(shape("churn"));
    assertThat(c.nodeBytes()).containsExactly(24L << 30);
    assertThat(c.cpusPerNode()).isEqualTo(2);
    Machine m = Machine.booted(c);
    Zone normal = zone(m, 0, "Normal");
    assertThat(normal.startPfn()).isEqualTo(1L << 20);
    assertThat(normal.managedPages()).isEqualTo(2162688);
    assertThat(normal.watermarks().min()).isEqualTo(12431);
    assertThat(normal.watermarks().low()).isEqualTo(15538);
    assertThat(normal.watermarks().high()).isEqualTo(18645);
    Zone dma = zone(m, 0, "DMA");
    assertThat(dma.lowmemReserve(ZoneType.DMA32)).isEqualTo(3018);
    assertThat(dma.lowmemReserve(ZoneType.NORMAL)).isEqualTo(11466);
    assertThat(zone(m, 0, "DMA32").lowmemReserve(ZoneType.NORMAL)).isEqualTo(8448);
    // the pages Linux did not manage are reserved at the top of Normal: the traced pfns all lie below
    assertThat(m.memblock().reserved()).anySatisfy(r -> {
      assertThat(r.name()).isEqualTo(RecordedMachine.NOT_MANAGED);
      assertThat(r.start()).isEqualTo((1L << 20) + 2162688);
      assertThat(r.end()).isEqualTo((4L << 18) + (21L << 18));
    });
  }

  /** Every traced pfn lies in memory the model manages: none in the ranges reserved as not managed. */
  @ParameterizedTest
  @ValueSource(strings = {"build", "churn", "copy"})
  void eachFixtureReplaysAtItsPfnsOnItsRecordedMachine(String fixture) throws Exception {
    PageReplay replay = PageReplay.boot(RecordedMachine.config(shape(fixture)), PageReplay.Mode.RECORDED);
    Path trace = FIXTURES.resolve(fixture).resolve("kmem.trace.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(trace))) {
      TraceStats read = FtraceReader.read(in, trace.toString(), replay, false);
      assertThat(read.bad()).isZero();
    }
    ReplayStats st = replay.stats();
    assertThat(st.allocs()).isPositive();
    assertThat(st.outOfRange()).isZero();
    assertThat(st.busy()).isZero();
    assertThat(st.orderMismatches()).isZero();
  }

  @Test
  void aShapeTheModelCannotBootIsRefused() {
    RecordedShape s = shape("copy");
    String movable = s.before().zoneinfo().replace("""
        Node 0, zone  Movable
          pages free     0
                boost    0
                min      32
                low      32
                high     32
                promo    32
                spanned  0
                present  0""", """
        Node 0, zone  Movable
          pages free     0
                boost    0
                min      32
                low      32
                high     32
                promo    32
                spanned  1024
                present  1024""");
    assertThat(movable).isNotEqualTo(s.before().zoneinfo());
    RecordedShape withMovable = new RecordedShape(s.kernel(), s.machine(), s.cpus(), s.minFreeKbytes(),
        s.watermarkScaleFactor(), s.watermarkBoostFactor(), s.percpuPagelistHighFraction(), s.thpEnabled(),
        s.thpDefrag(), s.started(), s.command(), new ProcSnapshot("", "", movable), null);
    assertThatThrownBy(() -> RecordedMachine.config(withMovable)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no populated Movable zone");
    RecordedShape empty = new RecordedShape(s.kernel(), s.machine(), s.cpus(), s.minFreeKbytes(),
        s.watermarkScaleFactor(), s.watermarkBoostFactor(), s.percpuPagelistHighFraction(), s.thpEnabled(),
        s.thpDefrag(), s.started(), s.command(), new ProcSnapshot("", "", ""), null);
    assertThatThrownBy(() -> RecordedMachine.config(empty)).hasMessageContaining("no zone with present pages");
  }
}
