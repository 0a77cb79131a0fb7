package io.buddykit.trace.memory;

import java.util.ArrayList;
import java.util.List;

/** A sink that writes each event down as a short text, so tests can compare event sequences. */
final class Recorder implements PageEvents, MallocEvents {
  final List<String> events = new ArrayList<>();

  @Override
  public void alloc(long pfn, int order, int migratetype, int gfpFlags) {
    events.add("alloc " + hex(pfn) + " " + order + " " + migratetype + " " + hex(gfpFlags));
  }

  @Override
  public void free(long pfn, int order) {
    events.add("free " + hex(pfn) + " " + order);
  }

  @Override
  public void allocFailed(int order, int migratetype, int gfpFlags) {
    events.add("allocFailed " + order + " " + migratetype + " " + hex(gfpFlags));
  }

  @Override
  public void malloc(long addr, long size) {
    events.add("malloc " + hex(addr) + " " + size);
  }

  @Override
  public void free(long addr) {
    events.add("mfree " + hex(addr));
  }

  @Override
  public void realloc(long oldAddr, long newAddr, long size) {
    events.add("realloc " + hex(oldAddr) + " " + hex(newAddr) + " " + size);
  }

  @Override
  public void failed(long size) {
    events.add("failed " + Long.toUnsignedString(size));
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  static String hex(int v) {
    return "0x" + Integer.toHexString(v);
  }
}
