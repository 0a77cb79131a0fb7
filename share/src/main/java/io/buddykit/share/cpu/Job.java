package io.buddykit.share.cpu;

/**
 * One demand for a slice: a periodic task's job of one period, or a one-off request. Mutable
 * bookkeeping of the scheduler; not part of the public API.
 */
final class Job {
  /** No deadline (a one-off request). */
  static final long NONE = Long.MAX_VALUE;

  final int client;
  /** Order of release over the whole run: ties in every policy go to the earlier one. */
  final long seq;
  final long release;
  /** Last frame in which the job may be placed, or {@link #NONE}. */
  final long deadline;
  final long budget;
  /** Frames in which it was considered and not placed. */
  int deferrals;

  Job(int client, long seq, long release, long deadline, long budget) {
    this.client = client;
    this.seq = seq;
    this.release = release;
    this.deadline = deadline;
    this.budget = budget;
  }

  boolean periodic() {
    return deadline != NONE;
  }

  /** Frames it has waited when considered in {@code frame}. */
  long waited(long frame) {
    return frame - release;
  }
}
