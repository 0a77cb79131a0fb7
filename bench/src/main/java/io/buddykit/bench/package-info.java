/**
 * JMH benchmarks of the core allocator: {@link Order0SteadyState} (the single-page path, open it
 * first), {@link MixedOrders} (splits and merges at half occupancy), {@link FullDepthSplitMerge}
 * (the worst case, per order) and {@link PeerWorkload} (the workload other buddy allocators are
 * measured on); {@code Steps} sizes their precomputed random walks. {@link WorkloadP} is the peer
 * workload again as a plain program timed by thread CPU time, run by {@code bench/scripts/peer-p.sh}
 * next to glibc malloc ({@code bench/src/main/c/peer_p.c}) and any out-of-tree peers in the same
 * rounds. The other modules' benchmarks
 * are the subpackages named after them. bench is a module that nothing depends on, so that JMH and
 * the peer allocators stay out of the toolkit.
 */
package io.buddykit.bench;
