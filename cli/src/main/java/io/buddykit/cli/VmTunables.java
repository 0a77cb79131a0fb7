package io.buddykit.cli;

import io.buddykit.sim.MachineConfig;
import io.buddykit.sim.Thp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The vm sysctls and the THP mode of a simulated machine, as options shared by every command that
 * boots one (a picocli mixin of {@code sim} and {@code replay}): each checked here, naming the
 * option, before the machine is built.
 */
@Command
final class VmTunables {
  @Option(names = "--thp", paramLabel = "MODE", defaultValue = "madvise",
      description = "Transparent huge pages: always, madvise or never; always and madvise run khugepaged, which"
          + " raises min_free_kbytes at boot (default ${DEFAULT-VALUE}, as this machine's kernel runs).")
  String thp;

  @Option(names = "--min-free-kbytes", paramLabel = "KB", defaultValue = "-1",
      description = "vm.min_free_kbytes as if written after boot (default: Linux's, raised for THP).")
  long minFreeKbytes;

  @Option(names = "--watermark-scale-factor", paramLabel = "N",
      defaultValue = "10",
      description = "vm.watermark_scale_factor, 1..3000 (default ${DEFAULT-VALUE}).")
  int watermarkScaleFactor;

  @Option(names = "--watermark-boost-factor", paramLabel = "N",
      defaultValue = "" + MachineConfig.DEFAULT_WATERMARK_BOOST_FACTOR,
      description = "vm.watermark_boost_factor, 0 turns boosting off (default ${DEFAULT-VALUE}).")
  int watermarkBoostFactor;

  @Option(names = "--compaction-proactiveness", paramLabel = "N",
      defaultValue = "" + MachineConfig.DEFAULT_COMPACTION_PROACTIVENESS,
      description = "vm.compaction_proactiveness, 0..100; 0 turns kcompactd's proactive compaction off"
          + " (default ${DEFAULT-VALUE}).")
  int compactionProactiveness;

  /** {@code config} with these settings; throws, naming the option, for a value out of range. */
  MachineConfig apply(MachineConfig config) {
    Thp mode;
    try {
      mode = Thp.parse(thp);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--thp must be always, madvise or never, not '" + thp + "'", e);
    }
    if (minFreeKbytes != -1 && (minFreeKbytes < 0 || minFreeKbytes > MachineConfig.MAX_MIN_FREE_KBYTES)) {
      throw new IllegalArgumentException("--min-free-kbytes must be 0.." + MachineConfig.MAX_MIN_FREE_KBYTES
          + ", not " + minFreeKbytes);
    }
    if (watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
      throw new IllegalArgumentException("--watermark-scale-factor must be 1..3000, not " + watermarkScaleFactor);
    }
    if (watermarkBoostFactor < 0) {
      throw new IllegalArgumentException("--watermark-boost-factor must be 0 or more, not " + watermarkBoostFactor);
    }
    if (compactionProactiveness < 0 || compactionProactiveness > 100) {
      throw new IllegalArgumentException(
          "--compaction-proactiveness must be 0..100, not " + compactionProactiveness);
    }
    return config.withThp(mode).withCompactionProactiveness(compactionProactiveness)
        .withMinFreeKbytes(minFreeKbytes).withWatermarkScaleFactor(watermarkScaleFactor)
        .withWatermarkBoostFactor(watermarkBoostFactor);
  }
}
