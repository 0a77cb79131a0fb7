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

  /** Free object indices (not with a user nor in a thread cache); guarded by the cache lock. */
  final int[] freeStack;
  int freeTop;
  /**
   * Per object, its state word: 0 while free (on the free stack or in a thread cache), {@code
   * generation << 1 | 1} while a user holds it. A free compares and sets the very word it checked,
   * so a stale handle can never release the object's next allocation (the ABA race of issue 19).
   */
  private final long[] state;
  /** Bytes the user asked for, per object, to check the segment handed back. */
  final long[] requested;

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
    this.state = new long[objects];
    this.requested = new long[objects];
  }

  /** The state word of a held object handed out under {@code generation} (0: a plain one). */
  static long held(long generation) {
    return generation << 1 | 1;
  }

  /** Marks object i as handed to a user under {@code generation}; false if it already was. */
  boolean take(int i, long generation) {
    return STATE.compareAndSet(state, i, 0L, held(generation));
  }

  /** Object i's state word: 0 free, else {@link #held} of its generation. */
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
