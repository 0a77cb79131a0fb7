/**
 * JMH benchmarks of the core allocator: {@link Order0SteadyState} (the single-page path, open it
 * first), {@link MixedOrders} (splits and merges at half occupancy), {@link FullDepthSplitMerge}
 * (the worst case, per order) and {@link PeerWorkload} (the workload other buddy allocators are
 * measured on); {@code Steps} sizes their precomputed random walks. The other modules' benchmarks
 * are the subpackages named after them. bench is a module that nothing depends on, so that JMH and
 * the peer allocators stay out of the toolkit.
 */
package io.buddykit.bench;
