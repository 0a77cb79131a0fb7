/**
 * Linux's views of a simulated machine. Open {@link MachineSnapshot} first: one value holding every
 * zone ({@link ZoneSnapshot}) and the event counters by name ({@link VmStatCounters}, under
 * /proc/vmstat's names), from which {@link BuddyInfoView}, {@link PagetypeInfoView}, {@link
 * ZoneInfoView} and {@link ExtfragView} print the /proc and debugfs files line for line and {@link
 * MachineSnapshot#toJson()} writes the JSON (with a small writer of its own: sim has no JSON
 * library); {@link MetricsSeries} samples fragmentation and work over a run as a scenario series.
 * Its own package because it only reads the engine: nothing in the engine depends on how it is
 * shown.
 */
package io.buddykit.sim.proc;
