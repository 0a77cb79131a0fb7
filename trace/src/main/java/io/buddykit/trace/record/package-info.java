/**
 * Recording where page traces come from: {@link io.buddykit.trace.record.KmemRecorder} records the
 * running Linux's kmem tracepoints as root through a private tracefs instance, restoring whatever
 * it changed, and stores the machine's shape beside the trace; {@link
 * io.buddykit.trace.record.RecordedShape} reads that shape back, with the /proc views it holds
 * ({@link io.buddykit.trace.record.ProcSnapshot}) parsed into per-zone facts. Open {@code
 * KmemRecorder} first.
 */
package io.buddykit.trace.record;
