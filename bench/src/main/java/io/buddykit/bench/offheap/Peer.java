package io.buddykit.bench.offheap;

import io.buddykit.offheap.BuddyArena;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One off-heap allocator under test, behind the smallest common interface (not a benchmark), so that
 * every benchmark runs the same code against each peer and a benchmark method is one line of logic.
 *
 * <p>{@link #allocate} returns an opaque handle for {@link #free}, after writing one byte at offset
 * 0 through the peer's ordinary API, so that no peer gets away with handing out memory it never
 * backs. Peers, by the name of the {@code allocator} parameter:
 *
 * <ul>
 *   <li>{@code buddy}: one {@link BuddyArena} of 1 GiB (mapped MAP_NORESERVE, so only what is
 *       touched is backed), default options; the handle is the {@link MemorySegment}.
 *   <li>{@code nettyPooled}: Netty 4.2's {@link PooledByteBufAllocator}, direct, default arenas,
 *       page size, chunk order and cache sizes; {@code directBuffer(size, size)}, then {@code
 *       release()}. Thread caches are switched on for all threads: Netty 4.2 gives them only to its
 *       own {@code FastThreadLocalThread}s by default ({@code io.netty.allocator.useCacheForAllThreads}
 *       is false), and JMH's worker threads are plain threads; the event-loop threads it serves in
 *       production have them, as every thread has BuddyArena's.
 *   <li>{@code nettyAdaptive}: Netty 4.2's {@link AdaptiveByteBufAllocator}, direct, with cached
 *       magazines for non-event-loop threads (same reason); {@code directBuffer(size, size)}, then
 *       {@code release()}.
 *   <li>{@code jdkConfined}: the JDK baseline, a fresh {@link Arena#ofConfined()} per buffer ({@code
 *       malloc} and zeroing underneath); the handle is the arena, freed by {@code close()}. Must be
 *       freed by the thread that allocated.
 * </ul>
 */
interface Peer extends AutoCloseable {

  /** Names accepted by {@link #of}, as for the {@code allocator} parameter. */
  String BUDDY = "buddy";
  String NETTY_POOLED = "nettyPooled";
  String NETTY_ADAPTIVE = "nettyAdaptive";
  String JDK_CONFINED = "jdkConfined";

  /** BuddyArena capacity. */
  long BUDDY_BYTES = 1L << 30;

  /** {@code size} bytes, byte 0 written; the handle for {@link #free}. */
  Object allocate(int size);

  /** Gives back a handle from {@link #allocate}. */
  void free(Object handle);

  @Override
  void close();

  static Peer of(String name) {
    return switch (name) {
      case BUDDY -> new Buddy(BuddyArena.create(BUDDY_BYTES));
      case NETTY_POOLED -> new Netty(new PooledByteBufAllocator(
          true,
          PooledByteBufAllocator.defaultNumHeapArena(),
          PooledByteBufAllocator.defaultNumDirectArena(),
          PooledByteBufAllocator.defaultPageSize(),
          PooledByteBufAllocator.defaultMaxOrder(),
          PooledByteBufAllocator.defaultSmallCacheSize(),
          PooledByteBufAllocator.defaultNormalCacheSize(),
          true));
      case NETTY_ADAPTIVE -> new Netty(new AdaptiveByteBufAllocator(true, true));
      case JDK_CONFINED -> new JdkConfined();
      default -> throw new IllegalArgumentException("unknown allocator: " + name);
    };
  }

  /** BuddyArena: a slice of its mapped region; free checks it. */
  final class Buddy implements Peer {
    private final BuddyArena arena;

    Buddy(BuddyArena arena) {
      this.arena = arena;
    }

    @Override
    public Object allocate(int size) {
      MemorySegment s = arena.allocate(size);
      s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
      return s;
    }

    @Override
    public void free(Object handle) {
      arena.free((MemorySegment) handle);
    }

    @Override
    public void close() {
      arena.close();
    }
  }

  /** Any Netty allocator: a direct ByteBuf of fixed capacity, released at free. */
  final class Netty implements Peer {
    private final io.netty.buffer.ByteBufAllocator alloc;

    Netty(io.netty.buffer.ByteBufAllocator alloc) {
      if (!alloc.isDirectBufferPooled()) {
        throw new IllegalStateException(alloc + " does not pool direct buffers");
      }
      this.alloc = alloc;
    }

    @Override
    public Object allocate(int size) {
      ByteBuf b = alloc.directBuffer(size, size);
      b.setByte(0, 1);
      return b;
    }

    @Override
    public void free(Object handle) {
      ((ByteBuf) handle).release();
    }

    @Override
    public void close() {}
  }

  /** The JDK: one confined arena per buffer. */
  final class JdkConfined implements Peer {
    @Override
    public Object allocate(int size) {
      Arena a = Arena.ofConfined();
      MemorySegment s = a.allocate(size);
      s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
      return a;
    }

    @Override
    public void free(Object handle) {
      ((Arena) handle).close();
    }

    @Override
    public void close() {}
  }
}
