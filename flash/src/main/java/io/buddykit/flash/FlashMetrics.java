package io.buddykit.flash;

/**
 * What a run of the FTL measured. {@code waf} is (host + GC writes) / host writes; erase counts
 * are over all blocks; {@code superblocksFree} counts the free aligned groups of 2^superblockOrder
 * blocks at the end; the projected lifetime assumes wear keeps growing as it did, until the most
 * worn block reaches the P/E limit.
 */
public record FlashMetrics(
    long hostWrites,
    double waf,
    long erases,
    double eraseMean,
    double eraseStdDev,
    int eraseMin,
    int eraseMax,
    long gcRuns,
    long gcPagesMoved,
    long staticMoves,
    long superblockAllocations,
    long superblockMisses,
    long superblocksFree,
    double projectedLifetimeHostWrites,
    double simulatedSeconds) {}
