/**
 * What every front end needs once: {@link Catalogue} (open it first) is the one ordered list of
 * scenarios with the tour's titles and parameters, {@link WorkloadRun} a workload on a booted
 * machine (one step: the workload's, then kswapd's), {@link Json} the one Jackson mapper for
 * {@code --json}, {@link Figures} how a number reads to people, and {@link TraceReplay} and {@link FlashReplay}
 * one replay of a memory trace and one run of the flash device (on a block trace), as the commands and a
 * sweep run them. Its own module, above every model and
 * below the front ends, so that the command line, the report and the live view list, run and format
 * scenarios alike without depending on each other.
 */
package io.buddykit.app;
