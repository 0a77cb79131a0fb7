package io.buddykit.netty;

import io.buddykit.offheap.BuddyArena;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.util.internal.CleanableDirectBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A direct {@link ByteBuf} over arena blocks: Netty's {@link UnpooledDirectByteBuf} (all of the
 * ByteBuf contract, slices, duplicates, NIO views) with its memory hooks pointed at the arena.
 *
 * <p>Netty 4.2 hands the first buffer in through a constructor that never frees it (an initial
 * buffer is assumed to be the caller's), and every later one through {@link
 * #allocateDirectBuffer}, whose {@code clean()} Netty calls when the buffer is replaced or
 * deallocated. So the first block is freed here, once: by {@link #capacity(int)} when growth has
 * replaced it, or by {@link #deallocate()}; later blocks are freed by their {@link Block}.
 */
final class ArenaByteBuf extends UnpooledDirectByteBuf {
  private final BuddyArena arena;
  /** The first block while it is still this buffer's memory; null once it was freed. */
  private MemorySegment first;
  /** Set by {@link #allocateDirectBuffer}: the last capacity change took a new block. */
  private boolean replaced;

  private ArenaByteBuf(BuddyByteBufAllocator alloc, BuddyArena arena, MemorySegment first, int capacity,
      int maxCapacity) {
    super(alloc, first.asByteBuffer().limit(capacity), maxCapacity);
    this.arena = arena;
    this.first = first;
    // The wrapping constructor marks the given bytes readable; a new buffer has none.
    setIndex(0, 0);
  }

  /**
   * A buffer of {@code capacity} bytes over a new block ({@code capacity <= maxCapacity}, checked by
   * the allocator); a 0-byte buffer still takes the smallest slab object, 16 bytes.
   */
  static ArenaByteBuf allocate(BuddyByteBufAllocator alloc, BuddyArena arena, int capacity, int maxCapacity) {
    return new ArenaByteBuf(alloc, arena, arena.allocate(Math.max(1, capacity)), capacity, maxCapacity);
  }

  @Override
  protected CleanableDirectBuffer allocateDirectBuffer(int capacity) {
    Block block = new Block(arena, arena.allocate(Math.max(1, capacity)), capacity);
    replaced = true;
    return block;
  }

  @Override
  public ByteBuf capacity(int newCapacity) {
    MemorySegment before = first;
    replaced = false;
    super.capacity(newCapacity);
    if (before != null && replaced) {
      first = null;
      arena.free(before);
    }
    return this;
  }

  @Override
  protected void deallocate() {
    MemorySegment segment = first;
    first = null;
    super.deallocate();
    if (segment != null) {
      arena.free(segment);
    }
  }

  /** A block taken when the buffer grew or shrank; Netty calls {@link #clean} once to free it. */
  private static final class Block implements CleanableDirectBuffer {
    private final BuddyArena arena;
    private final MemorySegment segment;
    private final ByteBuffer buffer;

    Block(BuddyArena arena, MemorySegment segment, int capacity) {
      this.arena = arena;
      this.segment = segment;
      this.buffer = segment.asByteBuffer().limit(capacity);
    }

    @Override
    public ByteBuffer buffer() {
      return buffer;
    }

    @Override
    public void clean() {
      arena.free(segment);
    }
  }
}
