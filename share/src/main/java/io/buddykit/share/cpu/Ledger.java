package io.buddykit.share.cpu;

import java.util.Collection;

/** The scheduler's accounts per client and in total, turned into {@link CpuMetrics} on demand. */
final class Ledger {
  private final TimeFrame frame;
  private final long[] requested;
  private final long[] received;
  private final long[] deferrals;
  private final boolean[] appeared;
  private long jobsReleased;
  private long jobsServed;
  private long requestedServed;
  private long grantedServed;
  private long worstWait;
  private long misses;
  private long periodicDue;

  Ledger(TimeFrame frame, int clients) {
    this.frame = frame;
    this.requested = new long[clients];
    this.received = new long[clients];
    this.deferrals = new long[clients];
    this.appeared = new boolean[clients];
  }

  void released(Job j) {
    jobsReleased++;
    appeared[j.client] = true;
    if (!j.periodic()) {
      requested[j.client] += j.budget;
    }
  }

  void served(Job j, long granted) {
    jobsServed++;
    requestedServed += j.budget;
    grantedServed += granted;
    received[j.client] += j.budget;
    if (j.periodic()) {
      requested[j.client] += j.budget;
      periodicDue++;
    }
    worstWait = Math.max(worstWait, j.deferrals);
  }

  void deferred(Job j) {
    deferrals[j.client]++;
  }

  void missed(Job j) {
    misses++;
    periodicDue++;
    requested[j.client] += j.budget;
    worstWait = Math.max(worstWait, j.deferrals);
  }

  long misses() {
    return misses;
  }

  CpuMetrics metrics(long frames, Collection<Job> pending) {
    long worst = worstWait;
    for (Job j : pending) {
      worst = Math.max(worst, j.deferrals);
    }
    long clients = 0;
    long sum = 0;
    long max = 0;
    for (int c = 0; c < deferrals.length; c++) {
      if (appeared[c]) {
        clients++;
        sum += deferrals[c];
        max = Math.max(max, deferrals[c]);
      }
    }
    return new CpuMetrics(
        frames,
        frame.units(),
        jobsReleased,
        jobsServed,
        requestedServed,
        grantedServed,
        clients == 0 ? 0 : (double) sum / clients,
        max,
        worst,
        JainIndex.ofReceived(received, requested),
        misses,
        periodicDue);
  }
}
