/**
 * Page and heap traces, so that a real machine's or program's allocation history can be replayed
 * on the simulator: {@link io.buddykit.trace.memory.FtraceReader} reads Linux ftrace text of the
 * kmem:mm_page_* events (a fast path for the canonical tracefs layout, the general parser for the
 * rest, the package-private {@code GfpNames} for the symbolic GFP flags and {@code BatchedFrees}
 * for the two records of one batched free); {@link io.buddykit.trace.memory.KmemActivity} counts
 * the per-CPU and fallback activity those events show; {@link
 * io.buddykit.trace.memory.MtraceReader} reads glibc's mtrace log; {@link
 * io.buddykit.trace.memory.JsonlTrace} and {@link io.buddykit.trace.memory.JsonlWriter} read and
 * write the project's own JSON lines, which hold both kinds of event. Readers deliver to {@link
 * io.buddykit.trace.memory.PageEvents} and {@link io.buddykit.trace.memory.MallocEvents}, one call
 * an event and no object; {@link io.buddykit.trace.memory.MemoryTraceFormat} names the three
 * formats and tells them apart from a trace's first lines (each reader's package-private {@code
 * accepts}, with the {@code NoEvents} sink). Page and heap readers share one package because JSON
 * lines carries both kinds and detection asks every reader.
 */
package io.buddykit.trace.memory;
