package io.buddykit.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expiry heap: due tags in order, stale and never-expiring entries left out. */
class ExpiriesTest {
  @Test
  void handsOutDueTagsEarliestFirstAndKeepsTheRest() {
    Expiries e = new Expiries();
    e.schedule(7, 0, 5);
    e.schedule(3, 0, 2);
    e.schedule(9, 1, 1);
    e.schedule(4, 0, Expiries.NEVER);
    List<Integer> due = new ArrayList<>();
    e.pollDue(2, due::add);
    assertThat(due).containsExactly(3, 9);
    due.clear();
    e.pollDue(100, due::add);
    assertThat(due).containsExactly(7);
  }

  @Test
  void aRescheduledTagComesOutOnlyAtItsLatestDeadline() {
    Expiries e = new Expiries();
    e.schedule(5, 0, 3);
    e.schedule(5, 1, 10); // the tag was reclaimed and reused before step 3
    List<Integer> due = new ArrayList<>();
    e.pollDue(3, due::add);
    assertThat(due).isEmpty();
    e.pollDue(11, due::add);
    assertThat(due).containsExactly(5);
    e.schedule(6, 0, 2);
    e.schedule(6, 1, Expiries.NEVER);
    e.pollDue(1000, due::add);
    assertThat(due).containsExactly(5);
  }

  @Test
  void rejectsBadArguments() {
    Expiries e = new Expiries();
    assertThatThrownBy(() -> e.schedule(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.schedule(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.schedule(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
