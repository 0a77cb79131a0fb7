package io.buddykit.trace.memory;

/** A sink that drops every event ({@link PageEvents#NONE}), for sniffing a format by parsing a few lines. */
final class NoEvents implements PageEvents, MallocEvents {
  static final NoEvents INSTANCE = new NoEvents();

  private NoEvents() {}

  @Override
  public void alloc(int cpu, long pfn, int order, int migratetype, int gfpFlags) {}

  @Override
  public void free(int cpu, long pfn, int order) {}

  @Override
  public void malloc(long addr, long size) {}

  @Override
  public void free(long addr) {}

  @Override
  public void realloc(long oldAddr, long newAddr, long size) {}
}
