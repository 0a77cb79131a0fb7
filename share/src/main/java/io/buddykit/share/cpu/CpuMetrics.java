package io.buddykit.share.cpu;

/**
 * What a run of {@link FrameScheduler} measured.
 *
 * @param frames frames run
 * @param frameUnits units per frame
 * @param jobsReleased jobs released (periodic jobs and one-off requests)
 * @param jobsServed jobs placed
 * @param requestedServed time units asked for by the placed jobs
 * @param grantedServed time units granted to them (buddy: rounded up; exact: the same)
 * @param meanDeferrals deferrals per client (periodic task or one-off request), mean over the
 *     clients that have released work
 * @param maxDeferrals deferrals of the most deferred client
 * @param worstWaitFrames most frames one job waited between its release and its placement (or its
 *     miss, or the end of the run)
 * @param jain Jain's index of x = received / requested time over the clients; a periodic job
 *     counts as requested once it is placed or missed, a one-off request from its arrival
 * @param deadlineMisses periodic jobs still unplaced at their deadline (they are dropped)
 * @param periodicJobsDue periodic jobs whose deadline has come (placed or missed)
 */
public record CpuMetrics(
    long frames,
    int frameUnits,
    long jobsReleased,
    long jobsServed,
    long requestedServed,
    long grantedServed,
    double meanDeferrals,
    long maxDeferrals,
    long worstWaitFrames,
    double jain,
    long deadlineMisses,
    long periodicJobsDue) {

  /** Requested time served over frame time. */
  public double utilisation() {
    return frames == 0 ? 0 : (double) requestedServed / ((double) frames * frameUnits);
  }

  /** Granted time over frame time (utilisation plus rounding waste). */
  public double occupancy() {
    return frames == 0 ? 0 : (double) grantedServed / ((double) frames * frameUnits);
  }

  /** Time-internal fragmentation: (granted - requested) / granted over the served jobs. */
  public double internalFragmentation() {
    return grantedServed == 0 ? 0 : (double) (grantedServed - requestedServed) / grantedServed;
  }

  /** Deadline misses over periodic jobs due. */
  public double missRatio() {
    return periodicJobsDue == 0 ? 0 : (double) deadlineMisses / periodicJobsDue;
  }
}
