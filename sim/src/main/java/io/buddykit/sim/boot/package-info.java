/**
 * The memblock phase of boot, before the buddy allocator owns memory: {@link BootLayout} says what
 * the firmware and the kernel hold (x86-64's holes, the kernel image, the initrd, boot page tables,
 * swiotlb, the memmap), {@link Boot} lays each node's RAM out into a {@link Memblock} of memory and
 * reserved ranges, and the machine then hands every unreserved range to its zones. Its own package
 * because it runs once, before the engine it feeds exists.
 */
package io.buddykit.sim.boot;
