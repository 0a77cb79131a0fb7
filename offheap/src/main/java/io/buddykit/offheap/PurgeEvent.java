package io.buddykit.offheap;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: one purge of a {@link BuddyArena} that gave memory back to the kernel; its duration
 * is the purge's, from taking the chunks out of the buddy allocator to giving them back.
 */
@Name("io.buddykit.offheap.Purge")
@Label("Buddy Arena Purge")
@Category({"buddykit", "Off-Heap Memory"})
@Description("Free memory of a buddykit arena given back to the kernel with madvise")
@StackTrace(false)
final class PurgeEvent extends Event {
  @Label("Arena Base Address")
  @MemoryAddress
  long baseAddress;

  @Label("Bytes Given Back")
  @DataAmount
  long bytes;

  @Label("Blocks")
  @Description("Purge-size chunks given back")
  long blocks;

  @Label("Advice")
  @Description("DONTNEED or FREE")
  String advice;

  @Label("Explicit")
  @Description("Asked for by BuddyArena.purge(), or zero decay, rather than after the decay time")
  boolean explicit;
}
