/**
 * The live view: a loopback web server whose page draws the memory map, buddyinfo and the
 * fragmentation indices while a run steps. Open {@link WebServer} first (its doc comment is the
 * API), then {@code Api} (routing), {@code Runs} and {@code LiveRun} (each run on its own thread),
 * {@code RunSpec} (a request checked before anything runs) and the {@code Stepper}s (a workload, a
 * page or heap trace, a scenario); {@code Snapshot}, {@code MemoryMap} and {@code History} are what
 * the page receives. Its own package with one public type, {@link WebServer}, so that the HTTP
 * machinery stays behind it.
 */
package io.buddykit.view.serve;
