package io.buddykit.trace.memory;

/**
 * Where a trace reader delivers a process's heap events (malloc, free, realloc), one call per
 * event and no object per event, so that replay stays cheap.
 *
 * <p>Addresses are the 64 bits of the C pointer (never 0; compare with {@link
 * Long#compareUnsigned} if order matters).
 */
public interface MallocEvents {

  /** A block of {@code size} bytes (0 to {@link Long#MAX_VALUE}) was allocated at {@code addr}. */
  void malloc(long addr, long size);

  /** The block at {@code addr} was freed. */
  void free(long addr);

  /**
   * The block at {@code oldAddr} was resized to {@code size} bytes and now lives at {@code newAddr}
   * (which may equal {@code oldAddr}).
   */
  void realloc(long oldAddr, long newAddr, long size);

  /**
   * A malloc or realloc of {@code size} bytes returned NULL; a failed realloc leaves its old block
   * as it was. {@code size} is C's {@code size_t}, so read it as unsigned. It changes no state, so
   * the default ignores it.
   */
  default void failed(long size) {}
}
