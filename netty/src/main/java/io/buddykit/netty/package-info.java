/**
 * Netty on the off-heap arena. Open {@link io.buddykit.netty.BuddyByteBufAllocator}: a drop-in
 * {@code io.netty.buffer.ByteBufAllocator} (installed with {@code ChannelOption.ALLOCATOR}) whose
 * direct buffers are {@code BuddyArena} blocks, returned to the arena when their reference count
 * reaches 0. Its own module so that offheap stays free of Netty: only a user who runs Netty pulls
 * it in.
 */
package io.buddykit.netty;
