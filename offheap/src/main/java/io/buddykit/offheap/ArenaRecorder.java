package io.buddykit.offheap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Emits {@link ArenaStatsEvent} for every open arena, from one periodic hook registered with
 * {@code FlightRecorder.addPeriodicEvent} once JFR is initialized (at start with {@code
 * -XX:StartFlightRecording}, or when a recording is first started or JDK Mission Control
 * attaches). Registering at each arena's build would initialize JFR in every JVM that makes an
 * arena, a few hundred milliseconds; waiting for JFR costs nothing until it is used.
 */
final class ArenaRecorder implements FlightRecorderListener {
  private static final Set<BuddyArena> OPEN = ConcurrentHashMap.newKeySet();

  static {
    FlightRecorder.addListener(new ArenaRecorder());
  }

  private ArenaRecorder() {}

  /** From the arena's build to its close, it is in the periodic event. */
  static void add(BuddyArena arena) {
    OPEN.add(arena);
  }

  static void remove(BuddyArena arena) {
    OPEN.remove(arena);
  }

  @Override
  public void recorderInitialized(FlightRecorder recorder) {
    FlightRecorder.addPeriodicEvent(ArenaStatsEvent.class, ArenaRecorder::emitAll);
  }

  private static void emitAll() {
    for (BuddyArena arena : OPEN) {
      arena.emitStats();
    }
  }
}
