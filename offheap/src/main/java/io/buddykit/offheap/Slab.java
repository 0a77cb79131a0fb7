package io.buddykit.offheap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One slab: 2^order buddy pages cut into objects of one size class (SLUB's struct slab). Its free
 * objects sit on a stack guarded by the owning {@link SlabCache}'s lock; which objects are with a
 * user, and under which handle generation, is one word per object updated atomically by whichever
 * thread allocates or frees, so a double free or a stale handle is caught even when the object
 * went through another thread's cache.
 */
final class Slab {
  private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(long[].class);

  final int cls;
  final int objSize;
  /** Byte offset of the slab in the arena's region. */
  final long offset;
  final int objects;
  /**
   * ceil(2^32 / objSize): {@code within * reciprocal >>> 32} is {@code within / objSize} exactly for
   * every byte offset in a slab (below 2^20, the largest slab: the error term is below objSize *
   * 2^20, under 2^32), one multiplication where a division by a field costs tens of cycles (as
   * SLUB's obj_to_index uses reciprocal_divide).
   */
  private final long reciprocal;

  /** Free object indices (not with a user nor in a thread cache); guarded by the cache lock. */
  final int[] freeStack;
  int freeTop;
  /**
   * Per object, its state word: 0 while free (on the free stack or in a thread cache), else held by
   * a user: {@code generation << 12 | (requested - 1) << 1 | 1}, the handle generation (0 for a plain
   * allocation) and the bytes asked for (1 to 2048, the largest object), in one word so that an
   * allocation writes one word and a free reads one. A free compares and sets the very word it
   * checked, so a stale handle can never release the object's next allocation (the ABA race of
   * issue 19).
   */
  private final long[] state;

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
    this.reciprocal = ((1L << 32) + objSize - 1) / objSize;
    this.freeStack = new int[objects];
    for (int i = 0; i < objects; i++) {
      freeStack[i] = objects - 1 - i; // lowest address on top
    }
    this.freeTop = objects;
    this.state = new long[objects];
  }

  /** Handle generations fit the state word above the request: below 2^51. */
  static final long MAX_GENERATION = (1L << 51) - 1;

  /** The state word of an object held under {@code generation} (0: plain) for {@code requested} bytes. */
  static long held(long generation, long requested) {
    return generation << 12 | (requested - 1) << 1 | 1;
  }

  /** The generation in a held object's state word. */
  static long generationOf(long word) {
    return word >>> 12;
  }

  /** The bytes asked for, in a held object's state word. */
  static long requestedOf(long word) {
    return ((word >>> 1) & 0x7ff) + 1;
  }

  /**
   * The index of the object starting {@code within} bytes into the slab, or -1 when that is inside
   * an object, not at its start.
   */
  int indexOf(long within) {
    int i = (int) ((within * reciprocal) >>> 32);
    return (long) i * objSize == within ? i : -1;
  }

  /**
   * Marks object i, free and taken from the caller's own thread cache, as handed to a user under
   * {@code generation} for {@code requested} bytes: a release store, not a compare-and-set, as no
   * other thread can hand out an object that sits in this thread's cache (a free racing it compares
   * and sets the word it read, so it fails either way).
   */
  void take(int i, long generation, long requested) {
    assert state(i) == 0 : "slab object " + i + " handed out twice";
    STATE.setRelease(state, i, held(generation, requested));
  }

  /** Object i's state word: 0 free, else {@link #held}. */
  long state(int i) {
    return (long) STATE.getVolatile(state, i);
  }

  /** Gives object i back if its state word is still {@code seen}; false, changing nothing, if not. */
  boolean give(int i, long seen) {
    return STATE.compareAndSet(state, i, seen, 0L);
  }

  /** Objects not on the free stack: with users or in thread caches. */
  int inUse() {
    return objects - freeTop;
  }
}
