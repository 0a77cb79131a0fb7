package io.buddykit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The engine's internal preconditions are asserted, and the tests run with assertions on (surefire's -ea). */
class AssertionsTest {
  @Test
  void aPfnThatHeadsABlockIsNotRecordedAgain() {
    OwnerTable owners = new OwnerTable(16);
    owners.set(4, 2, 1, Migratetype.MOVABLE, true, false);
    assertThatThrownBy(() -> owners.set(4, 0, 2, Migratetype.UNMOVABLE, false, false))
        .isInstanceOf(AssertionError.class).hasMessageContaining("already heads");
    assertThatThrownBy(() -> owners.setPcp(4, 0, Migratetype.MOVABLE)).isInstanceOf(AssertionError.class);
    assertThat(owners.owner(4)).isEqualTo(1);
  }

  @Test
  void anOrderTheEntryCannotHoldIsRefused() {
    OwnerTable owners = new OwnerTable(16);
    assertThatThrownBy(() -> owners.set(0, 16, 1, Migratetype.MOVABLE, true, false))
        .isInstanceOf(AssertionError.class).hasMessageContaining("does not fit");
  }

  @Test
  void aBlockGoesOnlyOnThePerCpuListOfItsOrder() {
    PerCpuPages pcp = new PerCpuPages(4, 16, 16, 9);
    int orderZero = pcp.index(Migratetype.MOVABLE, 0);
    assertThatThrownBy(() -> pcp.push(orderZero, 8, 1)).isInstanceOf(AssertionError.class);
    assertThat(pcp.count()).isZero();
  }
}
