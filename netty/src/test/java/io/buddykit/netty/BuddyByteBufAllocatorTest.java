package io.buddykit.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buddykit.offheap.BuddyArena;
import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuddyByteBufAllocatorTest {
  private BuddyArena arena;
  private BuddyByteBufAllocator alloc;

  @BeforeEach
  void open() {
    arena = BuddyArena.create(64L << 20);
    alloc = new BuddyByteBufAllocator(arena);
  }

  @AfterEach
  void close() {
    arena.verify();
    arena.close();
  }

  private boolean inArena(ByteBuf buf) {
    long address = MemorySegment.ofBuffer(buf.nioBuffer(0, buf.capacity())).address();
    return address >= arena.baseAddress() && address < arena.baseAddress() + arena.capacityBytes();
  }

  @Test
  void directBuffersAreArenaBlocksAndReleaseReturnsThem() {
    ByteBuf small = alloc.directBuffer(100);
    ByteBuf page = alloc.buffer(64 * 1024);
    assertThat(small.isDirect()).isTrue();
    assertThat(page.isDirect()).isTrue();
    assertThat(inArena(small)).isTrue();
    assertThat(inArena(page)).isTrue();
    // 100 bytes take slab class 128; 64 KiB one order-4 block.
    assertThat(arena.usedBytes()).isEqualTo(128 + 64 * 1024);
    assertThat(small.release()).isTrue();
    assertThat(arena.usedBytes()).isEqualTo(64 * 1024);
    assertThat(page.release()).isTrue();
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void growthReallocatesThroughTheArenaAndKeepsTheBytes() {
    ByteBuf buf = alloc.directBuffer(100);
    for (int i = 0; i < 100; i++) {
      buf.writeByte(i);
    }
    buf.ensureWritable(10_000); // Netty grows to the next power of two, 16384: four 4 KiB pages
    assertThat(buf.capacity()).isEqualTo(16384);
    assertThat(inArena(buf)).isTrue();
    assertThat(arena.usedBytes()).as("the first block (slab 128) was freed").isEqualTo(16384);
    buf.writeZero(10_000);
    buf.capacity(200_000); // set by hand: 49 pages, an order-6 block of 64 pages
    assertThat(arena.usedBytes()).isEqualTo(64 * 4096);
    buf.capacity(300); // shrink: slab class 384; Netty trims the indices to 300, the bytes below stay
    assertThat(arena.usedBytes()).isEqualTo(384);
    for (int i = 0; i < 100; i++) {
      assertThat(buf.getByte(i)).isEqualTo((byte) i);
    }
    buf.release();
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void slicesAndDuplicatesShareTheBlockAndRetainedOnesKeepItAlive() {
    ByteBuf buf = alloc.directBuffer(4096);
    buf.writeLong(0x0102030405060708L).writeLong(42);
    ByteBuf slice = buf.slice(8, 8);
    ByteBuf dup = buf.duplicate();
    assertThat(slice.getLong(0)).isEqualTo(42);
    dup.setLong(8, 43);
    assertThat(slice.getLong(0)).isEqualTo(43);
    ByteBuf retained = buf.retainedSlice(0, 8);
    assertThat(buf.refCnt()).isEqualTo(2);
    assertThat(buf.release()).isFalse();
    assertThat(arena.usedBytes()).as("the retained slice holds the block").isEqualTo(4096);
    assertThat(retained.getLong(0)).isEqualTo(0x0102030405060708L);
    assertThat(retained.release()).isTrue();
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void retainAndRelease() {
    ByteBuf buf = alloc.directBuffer(8192);
    buf.retain(3);
    assertThat(buf.refCnt()).isEqualTo(4);
    assertThat(buf.release(3)).isFalse();
    assertThat(arena.usedBytes()).isEqualTo(8192);
    assertThat(buf.release()).isTrue();
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void doubleReleaseIsNettysErrorAndLeavesTheArenaSound() {
    ByteBuf a = alloc.directBuffer(8192);
    ByteBuf b = alloc.directBuffer(200);
    a.release();
    assertThatThrownBy(a::release).isInstanceOf(IllegalReferenceCountException.class);
    assertThatThrownBy(() -> a.writeByte(1)).isInstanceOf(IllegalReferenceCountException.class);
    arena.verify();
    assertThat(arena.usedBytes()).isEqualTo(256);
    // The block freed once is handed out again, once: two new buffers do not share it.
    ByteBuf c = alloc.directBuffer(8192);
    ByteBuf d = alloc.directBuffer(8192);
    c.setLong(0, 1);
    d.setLong(0, 2);
    assertThat(c.getLong(0)).isEqualTo(1);
    b.release();
    c.release();
    d.release();
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void releaseOnAnotherThreadReturnsTheBlock() throws Exception {
    ByteBuf buf = alloc.directBuffer(100_000);
    CompletableFuture.runAsync(buf::release).get();
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void capacityIsCappedAtTheLargestBlock() {
    assertThat(alloc.maxBufferBytes()).isEqualTo(4 << 20);
    ByteBuf buf = alloc.directBuffer(16, Integer.MAX_VALUE);
    assertThat(buf.maxCapacity()).isEqualTo(4 << 20);
    assertThatThrownBy(() -> buf.ensureWritable((4 << 20) + 1)).isInstanceOf(IndexOutOfBoundsException.class);
    buf.release();
    assertThatThrownBy(() -> alloc.directBuffer((4 << 20) + 1, Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("largest block");
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void zeroCapacityBuffersHoldOneByteOfTheArena() {
    ByteBuf buf = alloc.directBuffer(0);
    assertThat(buf.capacity()).isZero();
    assertThat(arena.usedBytes()).isEqualTo(16);
    buf.writeInt(7);
    assertThat(buf.readInt()).isEqualTo(7);
    buf.release();
    assertThat(arena.usedBytes()).isZero();
  }

  @Test
  void heapBuffersAreNettysAndNotFromTheArena() {
    ByteBuf heap = alloc.heapBuffer(1000);
    assertThat(heap.hasArray()).isTrue();
    assertThat(heap.alloc()).isSameAs(alloc);
    assertThat(arena.usedBytes()).isZero();
    heap.release();
  }
}
