package io.buddykit.offheap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One slab: 2^order buddy pages cut into objects of one size class (SLUB's struct slab). Its free
 * objects sit on a stack guarded by the owning {@link SlabCache}'s lock; which objects are with a
 * user is a bitmap updated atomically by whichever thread allocates or frees, so a double free is
 * caught even when the object went through another thread's cache.
 */
final class Slab {
  private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);

  final int cls;
  final int objSize;
  /** Byte offset of the slab in the arena's region. */
  final long offset;
  final int objects;

  /** Free object indices (not with a user nor in a thread cache); guarded by the cache lock. */
  final int[] freeStack;
  int freeTop;
  /** One bit per object: set while a user holds it. */
  private final long[] owned;
  /** Bytes the user asked for, per object, to check the segment handed back. */
  final long[] requested;
  /** Per object: the handle sequence number it was handed out under, 0 for a plain allocation. */
  final long[] generation;

  /** Position in the cache's lists; guarded by the cache lock. */
  Slab prev;
  Slab next;
  boolean onPartial;
  /** The thread cache refilling from this slab, or null; guarded by the cache lock. */
  ThreadCache current;

  Slab(int cls, int objSize, long offset, int objects) {
    this.cls = cls;
    this.objSize = objSize;
    this.offset = offset;
    this.objects = objects;
    this.freeStack = new int[objects];
    for (int i = 0; i < objects; i++) {
      freeStack[i] = objects - 1 - i; // lowest address on top
    }
    this.freeTop = objects;
    this.owned = new long[(objects + 63) >>> 6];
    this.requested = new long[objects];
    this.generation = new long[objects];
  }

  /** Marks object i as handed to a user; false if it already was (an internal error). */
  boolean take(int i) {
    long bit = 1L << i;
    return ((long) BITS.getAndBitwiseOr(owned, i >>> 6, bit) & bit) == 0;
  }

  /** Marks object i as given back; false, changing nothing, if no user held it (double free). */
  boolean give(int i) {
    long bit = 1L << i;
    return ((long) BITS.getAndBitwiseAnd(owned, i >>> 6, ~bit) & bit) != 0;
  }

  boolean isOwned(int i) {
    return ((long) BITS.getVolatile(owned, i >>> 6) & (1L << i)) != 0;
  }

  /** Objects not on the free stack: with users or in thread caches. */
  int inUse() {
    return objects - freeTop;
  }
}
