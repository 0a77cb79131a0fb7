package io.buddykit.offheap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 1, the ABA race on a stale free: thread A allocates a handle {@code h}, publishes
 * it, frees it and at once allocates the same size again (the same memory comes back, LIFO), while
 * thread B calls {@code free(h)}. B's free may win before A's (then A's is refused), or come after
 * A's free and be refused as a double free or a stale handle; it must never be accepted as well as
 * A's, which would release A's new block. Before the fix (check and release as two steps) this
 * happened about once in 300,000 rounds. {@code -Dbuddykit.race.rounds=N} (or {@code -Plong}) runs
 * longer.
 */
class StaleFreeRaceTest {
  private static final int ROUNDS = Integer.getInteger("buddykit.race.rounds", 500_000);

  @Test
  void aStaleFreeOfASlabObjectIsNeverAcceptedTwice() throws Exception {
    assertThat(acceptedTwice(100)).isZero();
  }

  @Test
  void aStaleFreeOfAPageBlockIsNeverAcceptedTwice() throws Exception {
    assertThat(acceptedTwice(8192)).isZero();
  }

  /** Rounds in which both A's free and B's stale free of the same handle were accepted. */
  private static long acceptedTwice(long size) throws Exception {
    try (BuddyArena arena = BuddyArena.create(16L << 20)) {
      AtomicReference<BuddyArena.Handle> published = new AtomicReference<>();
      AtomicLong bDone = new AtomicLong(); // rounds B has finished
      AtomicLong bAccepted = new AtomicLong(); // the round B's free was last accepted in, + 1
      long[] both = {0};
      Thread b = new Thread(() -> {
        BuddyArena.Handle last = null;
        for (long r = 0; r < ROUNDS; r++) {
          BuddyArena.Handle h;
          int spins = 0;
          while ((h = published.get()) == last) {
            spin(++spins);
          }
          last = h;
          try {
            arena.free(h);
            bAccepted.set(r + 1);
          } catch (InvalidFreeException expected) {
            // A freed it first: B's free is stale, as it should be refused
          }
          bDone.set(r + 1);
        }
      }, "stale-freer");
      b.start();
      BuddyArena.Handle h = arena.allocateHandle(size);
      for (long r = 0; r < ROUNDS; r++) {
        published.set(h);
        boolean aAccepted;
        try {
          arena.free(h);
          aAccepted = true;
        } catch (InvalidFreeException stale) {
          aAccepted = false; // B's free came first, or B freed this block in the last round
        }
        h = arena.allocateHandle(size);
        int spins = 0;
        while (bDone.get() <= r) {
          spin(++spins);
        }
        if (aAccepted && bAccepted.get() == r + 1) {
          both[0]++;
        }
      }
      b.join();
      return both[0];
    }
  }

  private static void spin(int spins) {
    if (spins % 64 == 0) {
      Thread.yield(); // two cores shared with other work: let the other side run
    } else {
      Thread.onSpinWait();
    }
  }
}
