package io.buddykit.app;

import io.buddykit.crypt.EncryptionScenario;
import io.buddykit.experiments.aging.AgingScenario;
import io.buddykit.experiments.balloon.BalloonScenario;
import io.buddykit.experiments.boot.BootScenario;
import io.buddykit.experiments.dma.DmaScenario;
import io.buddykit.experiments.dmabuf.DmaBufferScenario;
import io.buddykit.experiments.fidelity.FidelityScenario;
import io.buddykit.experiments.frag.FragScenario;
import io.buddykit.experiments.numa.NumaScenario;
import io.buddykit.experiments.splitcoalesce.SplitCoalesceScenario;
import io.buddykit.experiments.stacks.StackScenario;
import io.buddykit.experiments.thp.ThpScenario;
import io.buddykit.experiments.tier.TierScenario;
import io.buddykit.experiments.watermarks.WatermarkScenario;
import io.buddykit.flash.FlashScenario;
import io.buddykit.scenario.Param;
import io.buddykit.scenario.Scenario;
import io.buddykit.share.bandwidth.BandwidthScenario;
import io.buddykit.share.cpu.CpuTimeScenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every scenario the toolkit knows, once, in the order the seed chapter tells them: the command's
 * {@code scenario list}, the tour, the report and the live view all read this one list.
 */
public final class Catalogue {
  /**
   * One scenario as the tour and the report present it: the heading it is shown under, the
   * parameters the tour runs it with (shorter runs than the scenario's defaults where those take
   * long), the words that introduce it ({@code intro}: what it shows and what to conclude from its
   * numbers; the README's paragraph on the scenario starts with the same words, which a test holds),
   * and for each table or series the columns that carry that conclusion ({@code headlines}: table
   * or series name to column names, a name ending in '.' standing for every column it starts),
   * which its chart shows first.
   */
  public record Entry(Scenario scenario, String title, Map<String, String> tourParams, String intro,
      Map<String, List<String>> headlines) {
    public Entry {
      tourParams = Map.copyOf(tourParams);
      headlines = Map.copyOf(headlines);
    }

    public String name() {
      return scenario.name();
    }

    /**
     * The tour's parameters that differ from the scenario's defaults, in the scenario's order, each
     * mapped to its default's text: what makes the tour's figures differ from the README's, which
     * are the defaults' ({@code buddykit scenario run NAME}).
     */
    public Map<String, String> shortened() {
      Map<String, String> out = new LinkedHashMap<>();
      for (Param<?> p : scenario.params()) {
        String given = tourParams.get(p.name());
        if (given != null && !p.read(given).equals(p.defaultValue())) {
          out.put(p.name(), p.defaultText());
        }
      }
      return out;
    }
  }

  private static final List<Entry> ENTRIES = List.of(
      new Entry(new FragScenario(),
          "Internal fragmentation: the seed's four requests, exact runs, growing arrays, slabs",
          Map.of("appends", "200000"), Intros.FRAG,
          Map.of("arrays", List.of("bytes copied"), "smallObjects", List.of("waste fraction"))),
      new Entry(new SplitCoalesceScenario(), "Split and coalesce, step by step", Map.of(), Intros.SPLIT_COALESCE,
          Map.of()),
      new Entry(new BootScenario(), "Boot: memblock, the hand-over, and what freeing init memory coalesces",
          Map.of("memory", "1G"), Intros.BOOT,
          Map.of("reservations", List.of("pages"), "coalescing", List.of("order>=9 gained"),
              "released", List.of("pages in those blocks"))),
      new Entry(new AgingScenario(), "A machine's physical memory: boot, aging, compaction", Map.of(), Intros.AGING,
          Map.of("stages", List.of("free 2 MiB blocks"), "aging", List.of("free_pageblocks"))),
      new Entry(new StackScenario(), "Thread stacks: guard pages, growth in place or by moving", Map.of(),
          Intros.STACKS, Map.of("policies", List.of("pages copied"))),
      new Entry(new DmaScenario(), "DMA buffers: contiguous, aligned, below 4 GiB, as memory ages", Map.of(),
          Intros.DMA, Map.of("checkpoints", List.of("no compaction", "compaction"))),
      new Entry(new DmaBufferScenario(), "Real memory: a DMA-style 64 KiB buffer from an off-heap arena",
          Map.of(), Intros.DMABUF, Map.of()),
      new Entry(new ThpScenario(), "Huge pages: grouping, compaction and the TLB reach they buy",
          Map.of("memoryMiB", "256", "accesses", "100000"), Intros.THP,
          Map.of("availability", List.of("huge pages"), "tlb", List.of("TLB hit rate"))),
      new Entry(new WatermarkScenario(),
          "Watermarks: who may dig into the reserve, and gating that saves huge pages", Map.of(), Intros.WATERMARKS,
          Map.of("refusalPoints", List.of("free at GFP_NOWAIT refusal", "free at GFP_ATOMIC refusal"),
              "gating", List.of("mean huge pages per probe"))),
      new Entry(new FidelityScenario(), "Fidelity: the simulator against Linux on a recorded trace", Map.of(),
          Intros.FIDELITY, Map.of("kernelAgainstModel", List.of("model/kernel"))),
      new Entry(new NumaScenario(), "NUMA: local-first, interleave, and protecting high orders", Map.of(),
          Intros.NUMA, Map.of("policies", List.of("mean latency ns"), "nodes", List.of("local huge share"))),
      new Entry(new TierScenario(), "DRAM and NVM: hot and cold pages, migrated only when it pays", Map.of(),
          Intros.TIER,
          Map.of("policies", List.of("with copying ns"), "costBenefitByHorizon", List.of("with copying ns"))),
      new Entry(new BalloonScenario(), "Ballooning a guest for one huge page: targeted, random, compaction",
          Map.of("trials", "20"), Intros.BALLOON, Map.of("strategies", List.of("pages per huge page made"))),
      new Entry(new CpuTimeScenario(), "Beyond memory: CPU time in buddy frames",
          Map.of("frames", "500", "setsPerDensity", "100", "policy", "aging"), Intros.CPUTIME,
          Map.of("policies", List.of("miss ratio"), "densitySweep", List.of("buddy.", "exact."))),
      new Entry(new BandwidthScenario(), "Beyond memory: link bandwidth in buddy blocks",
          Map.of("flows", "20000", "loads", "8,16,24,32"), Intros.BANDWIDTH,
          Map.of("brokers", List.of("blocked capacity", "blocked fragmentation"),
              "sweep", List.of("capacity blocking", "fragmentation blocking"))),
      new Entry(new EncryptionScenario(), "Encrypted memory: IVs that never repeat across reallocation",
          Map.of("cycles", "20000"), Intros.ENCRYPTION, Map.of("schemes", List.of("IV reuses"))),
      new Entry(new FlashScenario(), "Flash: wear-aware coalescing of erase blocks",
          Map.of("blocks", "256", "writes", "100000"), Intros.FLASH, Map.of("policies", List.of("WAF"))));

  private Catalogue() {}

  /** Every entry, in tour order. */
  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** The entry of the scenario of that name, as {@link #named} finds the scenario. */
  public static Optional<Entry> entry(String name) {
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Every scenario, in tour order. */
  public static List<Scenario> all() {
    return ENTRIES.stream().map(Entry::scenario).toList();
  }

  public static Optional<Scenario> named(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The scenario of that name, or an error listing the known names. */
  public static Scenario require(String name) {
    return named(name).orElseThrow(() -> new IllegalArgumentException("no scenario '" + name
        + "' (known: " + String.join(", ", all().stream().map(Scenario::name).toList()) + ")"));
  }
}
