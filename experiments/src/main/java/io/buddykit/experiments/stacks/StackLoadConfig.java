package io.buddykit.experiments.stacks;

/**
 * A mixed load of threads on a page pool: how many start in all and live at once, their stack,
 * guard and maximum sizes, and how often they exit or recurse deeply.
 *
 * @param poolBytes the page pool
 * @param pageBytes the page size
 * @param threads threads started over the run
 * @param concurrent threads alive at once at most
 * @param stackBytes initial stack size (the seed's 18 KiB)
 * @param guardPages guard pages below the stack, at least
 * @param maxStackBytes the largest a stack may grow to
 * @param exitChance chance a step ends a thread rather than runs one
 * @param deepChance chance a thread's run recurses past its usable stack
 * @param seed random seed
 */
public record StackLoadConfig(long poolBytes, long pageBytes, int threads, int concurrent, long stackBytes,
    int guardPages, long maxStackBytes, double exitChance, double deepChance, long seed) {}
