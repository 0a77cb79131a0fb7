/**
 * The flash translation layer's benchmark: {@link FtlWrites} measures simulated host page writes
 * per second on the default device, garbage collection, wear levelling and buddy coalescing
 * included. Its own package, as each measured module's benchmarks are.
 */
package io.buddykit.bench.flash;
