/**
 * A Netty {@code ByteBufAllocator} whose direct buffers are blocks of a buddykit arena: {@link
 * io.buddykit.netty.BuddyByteBufAllocator}. Netty's buffer API is part of this module's API, hence
 * {@code requires transitive}.
 */
module io.buddykit.netty {
  requires transitive io.buddykit.offheap;
  requires transitive io.netty.buffer;
  requires io.netty.common;

  exports io.buddykit.netty;
}
