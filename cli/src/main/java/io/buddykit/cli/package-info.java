/**
 * The {@code buddykit} command: picocli commands and the printers they share. Open {@link Main}
 * first (it lists the subcommands), then the command you need, such as {@code ScenarioCommand},
 * {@code SimCommand} or {@code ReplayCommand}; {@link ResultPrinter}, {@code MetricsPrinter},
 * {@code MachineReport} and {@link Table} turn results into text or JSON. The top of the module
 * graph: whatever computes lives in a module below, and the architecture test keeps it there.
 */
package io.buddykit.cli;
