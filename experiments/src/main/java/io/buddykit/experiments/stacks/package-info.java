/**
 * The {@code stacks} scenario: thread stacks on buddy blocks. Open {@link StackScenario} first: it
 * runs a {@link StackLoad} of threads ({@link StackLoadConfig}) under each {@link StackPolicy}; a
 * {@link ThreadStack} of 18 KiB and its guard pages in a 32 KiB block grows in place into its free
 * buddy or moves (each {@link Growth} recorded), and running past the guard page is a {@link
 * GuardPageFault}. One package per experiment of the seed chapter, so that each reads, and changes,
 * alone.
 */
package io.buddykit.experiments.stacks;
