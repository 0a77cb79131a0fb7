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
  void theWarmUpChurnsEverySchemeAndChangesNoCount() {
    EncryptionScenario s = new EncryptionScenario();
    EncryptionScenario.Config c = EncryptionScenario.Config.of(Params.of(s.params(), Map.of("cycles", "3000")));
    long perScheme = 0;
    for (IvScheme scheme : IvScheme.values()) {
      try (EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(scheme).seed(c.seed()).build()) {
        EncryptionScenario.churn(m, EncryptionScenario.WARM_UP_CYCLES, c.maxLive(), c.seed(),
            EncryptionScenario.WARM_UP_CYCLES);
        assertThat(m.encryptions()).isPositive();
        perScheme += m.encryptions();
      }
    }
    assertThat(EncryptionScenario.warmUp(c)).isEqualTo(perScheme);
    // The timed runs start on fresh memories: the counts are the same as without a warm-up.
    Result r = s.run(Params.of(s.params(), Map.of("cycles", "3000", "scheme", "epoch")));
    try (EncryptedMemory m = EncryptedMemory.builder(c.memoryBytes()).scheme(IvScheme.EPOCH).seed(c.seed()).build()) {
      EncryptionScenario.churn(m, 3000, c.maxLive(), c.seed(), c.step());
      assertThat(((Number) r.results().get("epoch.encryptions")).longValue()).isEqualTo(m.encryptions());
    }
  }
}
