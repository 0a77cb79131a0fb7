package io.buddykit.offheap;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;

/**
 * JFR event: a {@link BuddyArena} reported full ({@link ArenaFullException}), with the stack trace
 * of the allocation that failed.
 */
@Name("io.buddykit.offheap.ArenaFull")
@Label("Buddy Arena Full")
@Category({"buddykit", "Off-Heap Memory"})
@Description("An allocation from a buddykit arena failed after every thread cache was drained")
final class ArenaFullEvent extends Event {
  @Label("Arena Base Address")
  @MemoryAddress
  long baseAddress;

  @Label("Requested Size")
  @DataAmount
  long requestedBytes;

  @Label("Free Bytes")
  @Description("Free in the buddy allocator, in blocks too small or too scattered for the request")
  @DataAmount
  long freeBytes;

  @Label("Capacity")
  @DataAmount
  long capacityBytes;
}
