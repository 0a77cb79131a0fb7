/**
 * Recorded traces replayed on the models. Open {@link PageReplay} first: it applies page-allocator
 * events (ftrace, JSON lines) to a {@code Machine}, either at the recorded pfns or through the
 * model's own policy, and counts what it could not apply in {@link ReplayStats}; {@link HeapReplay}
 * replays a process's heap events (glibc mtrace) on a core buddy space and measures what rounding
 * costs it; {@link RecordedMachine} shapes a model machine like the one a trace was recorded on.
 * Its own package because it is where the trace readers (the trace module) meet the
 * engine, which knows no trace format.
 */
package io.buddykit.sim.replay;
