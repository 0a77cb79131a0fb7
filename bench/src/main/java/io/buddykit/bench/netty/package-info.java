/**
 * Netty's own workload with each allocator: {@link io.buddykit.bench.netty.Echo} runs a
 * length-prefixed echo through an {@code EmbeddedChannel} whose allocator is buddykit's {@code
 * BuddyByteBufAllocator}, Netty's pooled or Netty's adaptive allocator. Its own package because it
 * measures the allocator inside Netty's pipeline rather than alone ({@code bench.offheap}).
 */
package io.buddykit.bench.netty;
