package io.buddykit.trace.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A sink that writes each event down as a short text, so tests can compare event sequences. */
final class Recorder implements PageEvents, MallocEvents {
  final List<String> events = new ArrayList<>();
  private final Consumer<String> also;
  private final boolean withCpu;

  /** A recorder that leaves the CPU out of allocations and frees (the observations carry it). */
  Recorder() {
    this(text -> {});
  }

  /** A recorder that also passes each event's text to {@code also}. */
  Recorder(Consumer<String> also) {
    this(also, false);
  }

  /** A recorder that writes {@code @CPU} after the name of allocations and frees if {@code withCpu}. */
  Recorder(Consumer<String> also, boolean withCpu) {
    this.also = also;
    this.withCpu = withCpu;
  }

  private String name(String name, int cpu) {
    return withCpu ? name + "@" + cpu : name;
  }

  private void add(String text) {
    events.add(text);
    also.accept(text);
  }

  @Override
  public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {
    add(name("alloc", cpu) + " " + hex(pfn) + " " + order + " " + migratetype + " " + hex(gfpFlags));
  }

  @Override
  public void free(int cpu, long pfn, int order) {
    add(name("free", cpu) + " " + hex(pfn) + " " + order);
  }

  @Override
  public void allocFailed(int cpu, int order, int migratetype, int gfpFlags) {
    add(name("allocFailed", cpu) + " " + order + " " + migratetype + " " + hex(gfpFlags));
  }

  @Override
  public void zoneLocked(int cpu, long pfn, int order, int migratetype, boolean percpuRefill) {
    add("zoneLocked@" + cpu + " " + hex(pfn) + " " + order + " " + migratetype + " "
        + (percpuRefill ? 1 : 0));
  }

  @Override
  public void pcpuDrain(int cpu, long pfn, int order, int migratetype) {
    add("pcpuDrain@" + cpu + " " + hex(pfn) + " " + order + " " + migratetype);
  }

  @Override
  public void extfrag(int cpu, long pfn, int allocOrder, int fallbackOrder, int allocMigratetype,
      int fallbackMigratetype, boolean changeOwnership) {
    add("extfrag@" + cpu + " " + hex(pfn) + " " + allocOrder + " " + fallbackOrder + " "
        + allocMigratetype + " " + fallbackMigratetype + " " + (changeOwnership ? 1 : 0));
  }

  @Override
  public void malloc(long addr, long size) {
    add("malloc " + hex(addr) + " " + size);
  }

  @Override
  public void free(long addr) {
    add("mfree " + hex(addr));
  }

  @Override
  public void realloc(long oldAddr, long newAddr, long size) {
    add("realloc " + hex(oldAddr) + " " + hex(newAddr) + " " + size);
  }

  @Override
  public void failed(long size) {
    add("failed " + Long.toUnsignedString(size));
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  static String hex(int v) {
    return "0x" + Integer.toHexString(v);
  }
}
