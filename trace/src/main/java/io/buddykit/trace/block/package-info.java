/**
 * Block I/O traces, so that the flash translation layer can be driven by recorded host requests:
 * {@link io.buddykit.trace.block.MsrTrace} reads the MSR Cambridge CSV traces (SNIA IOTTA) and
 * {@link io.buddykit.trace.block.DiskSimTrace} DiskSim's ASCII traces, each line into at most one
 * {@link io.buddykit.trace.block.IoRequest} (an {@link io.buddykit.trace.block.IoOp}, a byte range,
 * an arrival time in milliseconds). Both run on the module's shared line loop through the
 * package-private {@code BlockLineParser}, which decodes each line as UTF-8 and holds the strict
 * whole-number and request-range checks they share; {@link
 * io.buddykit.trace.block.BlockTraceFormat} names the two formats for the command line.
 */
package io.buddykit.trace.block;
