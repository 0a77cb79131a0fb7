package io.buddykit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ParamsTest {
  static final Param<Integer> BLOCKS = Param.integer("blocks", 1024, 2, 1 << 20, "erase blocks");
  static final Param<Long> WRITES = Param.longInteger("writes", 600_000, 0, 100_000_000, "host writes");
  static final Param<Long> SEED = Param.seed("random seed");
  static final Param<Double> DENSITY = Param.number("density", 0.5, Range.openClosed(0, 1), "density");
  static final Param<Double> LOAD = Param.number("load", 24, Range.greaterThan(0), "offered load")
      .withUnit("Erlangs");
  static final Param<Long> MEMORY = Param.size("memory", "4G", 16L << 20, 64L << 30, "RAM");
  static final Param<OptionalLong> KERNEL = Param.sizeOrAuto("kernel", 0, 1L << 40, "kernel image");
  static final Param<List<Long>> RATES = Param.integers("rates", "3,10,25", 1, 1024, "rate mix");
  static final Param<List<Double>> SHARES = Param.numbers("shares", "0.6,0.1", Range.closedOpen(0, 1), "shares");
  static final Param<String> SCHEME = Param.choice("scheme", "all", List.of("all", "address", "epoch"), "scheme");
  static final Param<Boolean> PCP = Param.flag("pcp", true, "per-CPU lists");
  static final Param<String> FILE = Param.text("file", "upload", "file name");
  static final List<Param<?>> ALL = List.of(BLOCKS, WRITES, SEED, DENSITY, LOAD, MEMORY, KERNEL, RATES, SHARES,
      SCHEME, PCP, FILE);

  private static Params of(Map<String, String> given) {
    return Params.of(ALL, given);
  }

  @Test
  void defaultsAreTyped() {
    Params p = of(Map.of());
    assertThat(p.get(BLOCKS)).isEqualTo(1024);
    assertThat(p.get(WRITES)).isEqualTo(600_000L);
    assertThat(p.get(SEED)).isEqualTo(1L);
    assertThat(p.get(DENSITY)).isEqualTo(0.5);
    assertThat(p.get(LOAD)).isEqualTo(24.0);
    assertThat(p.get(MEMORY)).isEqualTo(4L << 30);
    assertThat(p.get(KERNEL)).isEmpty();
    assertThat(p.get(RATES)).containsExactly(3L, 10L, 25L);
    assertThat(p.get(SHARES)).containsExactly(0.6, 0.1);
    assertThat(p.get(SCHEME)).isEqualTo("all");
    assertThat(p.get(PCP)).isTrue();
    assertThat(p.get(FILE)).isEqualTo("upload");
  }

  @Test
  void everyKindParses() {
    Params p = of(Map.ofEntries(Map.entry("blocks", " 64 "), Map.entry("writes", "0"), Map.entry("seed", "-7"),
        Map.entry("density", "1e-3"), Map.entry("load", "2.5"), Map.entry("memory", "64MiB"),
        Map.entry("kernel", "24M"), Map.entry("rates", "1, 1024"), Map.entry("shares", "0"),
        Map.entry("scheme", "EPOCH"), Map.entry("pcp", "false"), Map.entry("file", " a b ")));
    assertThat(p.get(BLOCKS)).isEqualTo(64);
    assertThat(p.get(WRITES)).isZero();
    assertThat(p.get(SEED)).isEqualTo(-7L);
    assertThat(p.get(DENSITY)).isEqualTo(0.001);
    assertThat(p.get(LOAD)).isEqualTo(2.5);
    assertThat(p.get(MEMORY)).isEqualTo(64L << 20);
    assertThat(p.get(KERNEL)).hasValue(24L << 20);
    assertThat(p.get(RATES)).containsExactly(1L, 1024L);
    assertThat(p.get(SHARES)).containsExactly(0.0);
    assertThat(p.get(SCHEME)).isEqualTo("epoch");
    assertThat(p.get(PCP)).isFalse();
    assertThat(p.get(FILE)).isEqualTo(" a b ");
    assertThat(of(Map.of("kernel", "AUTO")).get(KERNEL)).isEmpty();
    assertThat(of(Map.of("kernel", " ")).get(KERNEL)).isEmpty();
  }

  @Test
  void closedBoundsAreInclusiveAndOpenOnesAreNot() {
    assertThat(of(Map.of("blocks", "2")).get(BLOCKS)).isEqualTo(2);
    assertThat(of(Map.of("blocks", "1048576")).get(BLOCKS)).isEqualTo(1 << 20);
    assertThat(of(Map.of("memory", "16M")).get(MEMORY)).isEqualTo(16L << 20);
    assertThat(of(Map.of("memory", "64G")).get(MEMORY)).isEqualTo(64L << 30);
    assertThat(of(Map.of("density", "1")).get(DENSITY)).isEqualTo(1.0);
    for (String[] bad : new String[][] {{"blocks", "1"}, {"blocks", "1048577"}, {"writes", "-1"},
        {"memory", "15M"}, {"memory", "65G"}, {"density", "0"}, {"density", "1.01"}, {"load", "0"},
        {"rates", "0,3"}, {"rates", "3,1025"}, {"shares", "1"}, {"kernel", "2T"}}) {
      assertThatThrownBy(() -> of(Map.of(bad[0], bad[1]))).as(bad[0] + "=" + bad[1])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("parameter " + bad[0] + "=" + bad[1] + ": must be ");
    }
  }

  @Test
  void theErrorNamesTheParameterTheTextAndWhatIsAllowed() {
    assertThatThrownBy(() -> of(Map.of("blocks", "many")))
        .hasMessage("parameter blocks=many: must be a whole number in [2, 2^20]");
    assertThatThrownBy(() -> of(Map.of("blocks", "3000000000")))
        .hasMessage("parameter blocks=3000000000: must be a whole number in [2, 2^20]");
    assertThatThrownBy(() -> of(Map.of("density", "NaN")))
        .hasMessage("parameter density=NaN: must be a number in (0, 1]");
    assertThatThrownBy(() -> of(Map.of("load", "-1"))).hasMessage("parameter load=-1: must be a number more than 0");
    assertThatThrownBy(() -> of(Map.of("memory", "lots")))
        .hasMessageStartingWith("parameter memory=lots: 'lots' is not a size")
        .hasMessageEndingWith("must be a size in [16 MiB, 64 GiB]");
    assertThatThrownBy(() -> of(Map.of("kernel", "-4M")))
        .hasMessageEndingWith("must be a size in [0 B, 1 TiB], or auto");
    assertThatThrownBy(() -> of(Map.of("rates", "3,x")))
        .hasMessage("parameter rates=3,x: must be a comma-separated list of whole numbers, each in [1, 1024]");
    assertThatThrownBy(() -> of(Map.of("rates", ""))).hasMessageStartingWith("parameter rates=: must be");
    assertThatThrownBy(() -> of(Map.of("shares", "0.5,"))).hasMessageStartingWith("parameter shares=0.5,: must be");
    assertThatThrownBy(() -> of(Map.of("scheme", "random")))
        .hasMessage("parameter scheme=random: must be one of all, address, epoch");
    assertThatThrownBy(() -> of(Map.of("pcp", "yes"))).hasMessage("parameter pcp=yes: must be true or false");
    assertThatThrownBy(() -> of(Map.of("seed", "1.2.3"))).hasMessage("parameter seed=1.2.3: must be a whole number");
  }

  @Test
  void unknownNamesAreRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> of(Map.of("blokcs", "64")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown parameter 'blokcs' (known: blocks, writes, seed,");
  }

  @Test
  void onlyDeclaredParametersAreRead() {
    Params p = Params.of(List.of(BLOCKS), Map.of());
    assertThatThrownBy(() -> p.get(WRITES)).hasMessageContaining("'writes' is not declared");
    Param<Integer> other = Param.integer("blocks", 8, 1, 8, "another blocks");
    assertThatThrownBy(() -> p.get(other)).hasMessageContaining("'blocks' is not declared");
    assertThatThrownBy(() -> Params.of(List.of(BLOCKS, other), Map.of())).hasMessageContaining("declared twice");
  }

  @Test
  void aDefaultOutsideItsOwnRangeFailsWhenDeclared() {
    assertThatThrownBy(() -> Param.integer("tasks", 0, 1, 64, "tasks"))
        .hasMessage("parameter tasks=0: must be a whole number in [1, 64]");
  }

  @Test
  void jsonKeepsNumbersListsAndFlagsTypedAndSizesAsGiven() {
    Map<String, Object> json = of(Map.of("memory", " 1G ", "density", "0.25", "scheme", "Address")).asJson();
    assertThat(json).containsEntry("blocks", 1024).containsEntry("writes", 600_000L).containsEntry("seed", 1L)
        .containsEntry("density", 0.25).containsEntry("load", 24.0).containsEntry("memory", "1G")
        .containsEntry("kernel", "auto").containsEntry("rates", List.of(3L, 10L, 25L))
        .containsEntry("shares", List.of(0.6, 0.1)).containsEntry("scheme", "address").containsEntry("pcp", true)
        .containsEntry("file", "upload");
    assertThat(json.keySet()).containsExactly("blocks", "writes", "seed", "density", "load", "memory", "kernel",
        "rates", "shares", "scheme", "pcp", "file");
    assertThat(Params.text(json.get("rates"))).isEqualTo("3,10,25");
    assertThat(Params.text(json.get("load"))).isEqualTo("24");
    assertThat(Params.text(json.get("density"))).isEqualTo("0.25");
  }

  @Test
  void describesItselfForTheFrontEnds() {
    assertThat(LOAD.describe()).containsEntry("name", "load").containsEntry("kind", "number")
        .containsEntry("defaultValue", "24").containsEntry("default", 24.0).containsEntry("min", 0.0)
        .containsEntry("minExclusive", true).doesNotContainKey("max").containsEntry("unit", "Erlangs")
        .containsEntry("allowed", "a number more than 0");
    assertThat(WRITES.allowed()).isEqualTo("a whole number in [0, 10^8]");
    assertThat(BLOCKS.describe()).containsEntry("min", 2L).containsEntry("max", 1048576L)
        .containsEntry("maxExclusive", false);
    assertThat(KERNEL.describe()).containsEntry("kind", "size").containsEntry("default", "auto")
        .containsEntry("choices", List.of("auto")).containsEntry("max", 1L << 40);
    assertThat(SCHEME.describe()).containsEntry("choices", List.of("all", "address", "epoch"))
        .doesNotContainKey("min");
    assertThat(SEED.describe()).doesNotContainKey("min").doesNotContainKey("max");
    assertThat(MEMORY.allowed()).isEqualTo("a size in [16 MiB, 64 GiB]");
    assertThat(SHARES.allowed()).isEqualTo("a comma-separated list of numbers, each in [0, 1)");
  }

  @Test
  void crossParameterChecksNameTheParameterAndItsText() {
    Params p = of(Map.of("blocks", "1000"));
    assertThatThrownBy(() -> p.require(Integer.bitCount(p.get(BLOCKS)) == 1, BLOCKS, "must be a power of two"))
        .hasMessage("parameter blocks=1000: must be a power of two");
  }
}
