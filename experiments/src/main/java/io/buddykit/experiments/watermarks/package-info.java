/**
 * The {@code watermarks} scenario, the seed's closing point. Open {@link WatermarkScenario} first:
 * a {@link ReserveFill} of a small machine shows where each zone refuses GFP_NOWAIT and then
 * GFP_ATOMIC ({@link ZoneRefusal}); then a {@link GatingRun} per {@link Gating} runs the aging load
 * with a {@link LowPriorityStream} beside it and counts, with {@link MixedPageblocks}, the
 * pageblocks that a page nothing may move keeps from huge pages. One package per experiment of the
 * seed chapter, so that each reads, and changes, alone.
 */
package io.buddykit.experiments.watermarks;
