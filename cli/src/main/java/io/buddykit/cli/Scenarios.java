package io.buddykit.cli;

import io.buddykit.crypt.EncryptionScenario;
import io.buddykit.flash.FlashScenario;
import io.buddykit.scenario.Scenario;
import io.buddykit.share.bandwidth.BandwidthScenario;
import io.buddykit.share.cpu.CpuTimeScenario;
import io.buddykit.sim.balloon.BalloonScenario;
import io.buddykit.sim.boot.BootScenario;
import io.buddykit.sim.dma.DmaScenario;
import io.buddykit.sim.frag.FragScenario;
import io.buddykit.sim.numa.NumaScenario;
import io.buddykit.sim.stack.StackScenario;
import io.buddykit.sim.watermark.WatermarkScenario;
import io.buddykit.sim.thp.ThpScenario;
import io.buddykit.sim.tier.TierScenario;
import io.buddykit.sim.workload.AgingScenario;
import java.util.List;
import java.util.Optional;

/** Every scenario the command knows, in tour order. */
public final class Scenarios {
  private Scenarios() {}

  public static List<Scenario> all() {
    return List.of(new FragScenario(), new SplitCoalesceScenario(), new BootScenario(), new AgingScenario(),
        new StackScenario(), new DmaScenario(), new DmaBufferScenario(), new ThpScenario(),
        new WatermarkScenario(), new NumaScenario(), new TierScenario(), new BalloonScenario(),
        new EncryptionScenario(), new FlashScenario(), new CpuTimeScenario(), new BandwidthScenario());
  }

  public static Optional<Scenario> named(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
