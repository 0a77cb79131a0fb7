/**
 * The off-heap arena next to its peers (Netty's pooled and adaptive allocators, a JDK arena per
 * buffer). Open {@code Peer} first, the one interface every allocator under test sits behind; then
 * {@link AllocFree} (the fast path, one size), {@link AllocFreeMixed} (the fast path over the
 * {@code MixedSizes} distribution) and {@link SteadyState} (a populated, fragmented pool). Its own
 * package because it alone brings the peers' dependencies.
 */
package io.buddykit.bench.offheap;
