/**
 * A flash translation layer whose free erase blocks are a buddy system. Open {@link Ftl} first: it
 * maps logical pages to flash pages, collects garbage by a {@link GcPolicy}, levels wear (its
 * wear-aware merge rule is a core merge policy over {@code WearTree}) and recovers from a {@link
 * PowerLoss} using only what flash keeps: the {@code Nand} device model, the one place power is lost,
 * before or during a program or erase ({@link PowerCut}: torn pages, partially erased blocks), recovery's
 * own erases included; {@link FlashRun} drives it as a host would (a synthetic
 * workload or a block trace) and proves that no acknowledged page was lost, {@link FlashConfig} and
 * {@link FlashMetrics} are its input and output, and {@link FlashScenario} runs the seed's
 * comparison. Its own module: a device model with no page allocator in it, which reads block traces
 * from the trace module.
 */
package io.buddykit.flash;
