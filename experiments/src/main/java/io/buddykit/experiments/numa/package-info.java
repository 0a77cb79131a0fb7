/**
 * The {@code numa} scenario: access latency against local huge-page availability. Open {@link
 * NumaScenario} first: it runs each {@link NumaPolicy} ({@link LocalFirst}, {@link Interleave}, and
 * {@link ProtectHighOrders} always or only while huge blocks are scarce) on the same {@link
 * NumaConfig} in a {@code NumaRun}, whose pinned threads' blocks ({@code ThreadHoldings}) are timed
 * by the {@link DistanceModel}; each step's figures are a {@link NumaStep}. One package per
 * experiment of the seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.numa;
