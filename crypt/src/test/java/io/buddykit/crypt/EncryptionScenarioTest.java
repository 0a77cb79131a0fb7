package io.buddykit.crypt;

import static org.assertj.core.api.Assertions.assertThat;

import io.buddykit.scenario.Params;
import io.buddykit.scenario.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionScenarioTest {
  @Test
  void addressSchemesReuseAndTheEpochDoesNot() {
    EncryptionScenario s = new EncryptionScenario();
    Result r = s.run(Params.of(s.params(), Map.of("cycles", "20000")));
    assertThat(((Number) r.results().get("address.ivReuses")).longValue()).isPositive();
    assertThat(((Number) r.results().get("address+order.ivReuses")).longValue()).isPositive();
    assertThat(((Number) r.results().get("epoch.ivReuses")).longValue()).isZero();
    assertThat(((Number) r.results().get("address.ivReuses")).longValue())
        .isGreaterThan(((Number) r.results().get("address+order.ivReuses")).longValue());
    assertThat(r.series().get("reusesByCycle").points()).hasSize(20);
  }

  @Test
  void theSameSeedGivesTheSameCounts() {
    EncryptionScenario s = new EncryptionScenario();
    Result a = s.run(Params.of(s.params(), Map.of("cycles", "3000", "scheme", "address")));
    Result b = s.run(Params.of(s.params(), Map.of("cycles", "3000", "scheme", "address")));
    assertThat(a.results().get("address.ivReuses")).isEqualTo(b.results().get("address.ivReuses"));
    assertThat(a.results().get("address.encryptions")).isEqualTo(b.results().get("address.encryptions"));
  }

  @Test
  void theWarmUpIsTimedPerSchemeAndChangesNoCount() {
    EncryptionScenario s = new EncryptionScenario();
    EncryptionScenario.Config c = EncryptionScenario.Config.of(Params.of(s.params(), Map.of("cycles", "3000")));
    double[] warmUp = EncryptionScenario.warmUp(c);
    assertThat(warmUp).hasSize(IvScheme.values().length);
    for (double mbPerSecond : warmUp) {
      assertThat(mbPerSecond).isPositive().isFinite();
    }
    // The timed runs start on fresh memories: the counts are the same as without a warm-up.
    Result r = s.run(Params.of(s.params(), Map.of("cycles", "3000", "scheme", "epoch")));
    try (EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(IvScheme.EPOCH).seed(c.seed()).build()) {
      EncryptionScenario.churn(m, 3000, c.maxLive(), c.seed(), c.step());
      assertThat(((Number) r.results().get("epoch.encryptions")).longValue()).isEqualTo(m.encryptions());
    }
    assertThat(((Number) r.results().get("epoch.warmUpMbPerSecond")).doubleValue()).isPositive();
  }

  /** The schemes are timed in turns of one slice each; every count is as if each ran alone. */
  @Test
  void slicesTakenInTurnGiveEachSchemeTheCountsOfARunAlone() {
    EncryptionScenario s = new EncryptionScenario();
    Result all = s.run(Params.of(s.params(), Map.of("cycles", "4100")));
    EncryptionScenario.Config c = EncryptionScenario.Config.of(Params.of(s.params(), Map.of("cycles", "4100")));
    var series = all.series().get("reusesByCycle");
    for (IvScheme scheme : IvScheme.values()) {
      try (EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(scheme).seed(c.seed()).build()) {
        long[] samples = EncryptionScenario.churn(m, 4100, c.maxLive(), c.seed(), c.step());
        String k = scheme.label() + ".";
        assertThat(((Number) all.results().get(k + "encryptions")).longValue()).isEqualTo(m.encryptions());
        assertThat(((Number) all.results().get(k + "ivReuses")).longValue()).isEqualTo(m.auditor().reuses());
        int col = series.y().indexOf(scheme.label()) + 1;
        assertThat(series.points().stream().mapToLong(p -> (long) p[col]).toArray()).containsExactly(samples);
      }
    }
    // 4100 cycles in slices of 205: the last point is the last cycle.
    assertThat(series.points().getLast()[0]).isEqualTo(4100);
  }
}
