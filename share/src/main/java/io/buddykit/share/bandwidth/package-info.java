/**
 * Link bandwidth shared by the buddy system. Open {@link LinkBroker} first: it manages a link's
 * capacity as one buddy block, rounds each flow's rate up to a power of two, places it by a {@link
 * Placement} and answers with an {@link Admission} that tells capacity blocking from fragmentation
 * blocking (and may admit a flow by moving live ones); {@link FlowSimulation} offers it Poisson
 * flows and {@link BandwidthScenario} runs the seed's ISP link. A package beside {@code share.cpu}:
 * the same idea on another resource, sharing nothing with it but the core.
 */
package io.buddykit.share.bandwidth;
