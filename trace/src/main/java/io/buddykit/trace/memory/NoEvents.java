package io.buddykit.trace.memory;

/**
 * A sink that drops every event ({@link PageEvents#NONE}), for sniffing a format by parsing a few
 * lines. {@link PageEvents#NONE} is its own instance, not {@link #INSTANCE}: PageEvents has default
 * methods, so initialising this class initialises PageEvents first, and a NONE read from INSTANCE
 * in the middle of that was null (a null sink in every zone) when this class happened to be
 * initialised before PageEvents.
 */
final class NoEvents implements PageEvents, MallocEvents {
  static final NoEvents INSTANCE = new NoEvents();

  NoEvents() {}

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
