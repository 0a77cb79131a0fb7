package io.buddykit.trace.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A sink that writes each event down as a short text, so tests can compare event sequences. */
final class Recorder implements PageEvents, MallocEvents {
  final List<String> events = new ArrayList<>();
  private final Consumer<String> also;

  Recorder() {
    this(text -> {});
  }

  /** A recorder that also passes each event's text to {@code also}. */
  Recorder(Consumer<String> also) {
    this.also = also;
  }

  private void add(String text) {
    events.add(text);
    also.accept(text);
  }

  @Override
  public void alloc(long pfn, int order, int migratetype, int gfpFlags) {
    add("alloc " + hex(pfn) + " " + order + " " + migratetype + " " + hex(gfpFlags));
  }

  @Override
  public void free(long pfn, int order) {
    add("free " + hex(pfn) + " " + order);
  }

  @Override
  public void allocFailed(int order, int migratetype, int gfpFlags) {
    add("allocFailed " + order + " " + migratetype + " " + hex(gfpFlags));
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
