package io.buddykit.netty;

import io.buddykit.offheap.BuddyArena;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.Objects;

/**
 * A Netty {@link io.netty.buffer.ByteBufAllocator} whose direct buffers are blocks of a {@link
 * BuddyArena}: the buffer's memory is the segment the arena handed out, its first release to
 * reference count 0 frees that segment (exactly once: Netty's reference count refuses a second
 * release with {@code IllegalReferenceCountException}), and growing its capacity takes a new
 * block from the arena, copies, and frees the old one. Heap buffers are Netty's own unpooled heap
 * buffers. Install it on a bootstrap with {@code option(ChannelOption.ALLOCATOR, alloc)} and {@code
 * childOption(ChannelOption.ALLOCATOR, alloc)}.
 *
 * <p>The arena is the caller's: it may serve other users too, and closing it is the caller's
 * business, after every buffer has been released. Buffers may be released on any thread (Netty
 * often frees on another event loop than the one that allocated); the arena's per-thread caches
 * take such a free as the freeing thread's. A direct buffer holds at most the arena's largest block
 * ({@code pageSize << maxOrder}, 4 MiB with the defaults), so a request's {@code maxCapacity} is
 * capped there: a buffer that must grow past it fails as any Netty buffer does past its maximum
 * ({@code IndexOutOfBoundsException}), and asking for more at once is an {@code
 * IllegalArgumentException}. An arena with no room raises {@code ArenaFullException}.
 *
 * <p>Leak detection is Netty's: every buffer is wrapped for {@code ResourceLeakDetector} at the
 * level the application sets ({@code toLeakAwareBuffer}, as Netty's own allocators do in their
 * {@code newDirectBuffer}; the base class does not do it for them).
 */
public final class BuddyByteBufAllocator extends AbstractByteBufAllocator {
  private final BuddyArena arena;
  private final int maxBufferBytes;

  /**
   * An allocator over {@code arena} that prefers direct buffers (what {@code buffer()} and {@code
   * ioBuffer()} return), as Netty's pooled allocator does where direct memory is available.
   *
   * @param arena the arena every direct buffer comes from; it stays the caller's to close
   */
  public BuddyByteBufAllocator(BuddyArena arena) {
    super(true);
    this.arena = Objects.requireNonNull(arena, "arena");
    long largest = Math.min((long) arena.pageSize() << arena.maxOrder(), arena.capacityBytes());
    this.maxBufferBytes = (int) Math.min(Integer.MAX_VALUE, largest);
  }

  /**
   * The arena the direct buffers come from.
   *
   * @return the arena given to the constructor
   */
  public BuddyArena arena() {
    return arena;
  }

  /**
   * The largest capacity a direct buffer can have: the arena's largest block.
   *
   * @return {@code pageSize << maxOrder} of the arena, at most {@code Integer.MAX_VALUE}
   */
  public int maxBufferBytes() {
    return maxBufferBytes;
  }

  /** Buffers are reused memory (the arena's blocks), as Netty's pooled allocator reports. */
  @Override
  public boolean isDirectBufferPooled() {
    return true;
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return toLeakAwareBuffer(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    int max = Math.min(maxCapacity, maxBufferBytes);
    if (initialCapacity > max) {
      throw new IllegalArgumentException("a direct buffer of " + initialCapacity + " bytes exceeds "
          + (max < maxCapacity ? "the arena's largest block, " : "its maxCapacity, ") + max + " bytes");
    }
    return toLeakAwareBuffer(ArenaByteBuf.allocate(this, arena, initialCapacity, max));
  }

  @Override
  public String toString() {
    return "BuddyByteBufAllocator[arena=" + arena.capacityBytes() + " bytes, used=" + arena.usedBytes()
        + ", maxBufferBytes=" + maxBufferBytes + "]";
  }
}
