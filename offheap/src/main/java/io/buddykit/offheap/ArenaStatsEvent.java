package io.buddykit.offheap;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * JFR event: a {@link BuddyArena}'s {@link ArenaStats}, emitted every period (1 s by default) while
 * a recording has it enabled, from a hook each arena registers with {@code
 * FlightRecorder.addPeriodicEvent} and removes on close.
 */
@Name("io.buddykit.offheap.ArenaStatistics")
@Label("Buddy Arena Statistics")
@Category({"buddykit", "Off-Heap Memory"})
@Description("Memory of a buddykit off-heap arena: mapped, resident, in use, cached, purged")
@Period("1 s")
@StackTrace(false)
final class ArenaStatsEvent extends Event {
  @Label("Arena Base Address")
  @MemoryAddress
  long baseAddress;

  @Label("Mapped")
  @DataAmount
  long mappedBytes;

  @Label("Resident")
  @Description("Bytes of the mapping in RAM, from mincore(2)")
  @DataAmount
  long residentBytes;

  @Label("Used")
  @Description("Bytes held by callers, rounded to size classes and blocks")
  @DataAmount
  long usedBytes;

  @Label("Requested")
  @Description("Bytes callers asked for, of what they hold")
  @DataAmount
  long requestedBytes;

  @Label("Free")
  @Description("Bytes free in the buddy allocator")
  @DataAmount
  long freeBytes;

  @Label("Cached")
  @Description("Bytes free in thread caches")
  @DataAmount
  long cachedBytes;

  @Label("Purged")
  @Description("Bytes given back to the kernel and not handed out since")
  @DataAmount
  long purgedBytes;

  /** Fills the event from a picture of the arena. */
  void set(long base, ArenaStats st) {
    baseAddress = base;
    mappedBytes = st.mappedBytes();
    residentBytes = st.residentBytes();
    usedBytes = st.usedBytes();
    requestedBytes = st.requestedBytes();
    freeBytes = st.freeBytes();
    cachedBytes = st.cachedBytes();
    purgedBytes = st.purgedBytes();
  }
}
