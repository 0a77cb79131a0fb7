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
}
