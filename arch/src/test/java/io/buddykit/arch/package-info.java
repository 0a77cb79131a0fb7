/**
 * The build's architecture rules, as a test: {@link ArchitectureTest} checks the compiled main
 * classes of every module for the module arrows, cycles between packages and between modules,
 * classes in no module, what the cli package may hold and who may write the simulator's event
 * counters. A test-only module, last in the reactor, because only a module that depends on all the
 * others sees all their classes.
 */
package io.buddykit.arch;
