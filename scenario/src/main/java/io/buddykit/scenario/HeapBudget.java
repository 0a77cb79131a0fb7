package io.buddykit.scenario;

/**
 * What a run may ask of the Java heap: a model sizes its metadata from its parameters, checks the
 * need here before it allocates, and so refuses a machine or device the heap cannot hold with one
 * message naming the need and the heap, instead of an {@link OutOfMemoryError} minutes later.
 */
public final class HeapBudget {
  /** How a heap too small for a run is raised: the JVM reads this variable on every launch. */
  public static final String HOW_TO_RAISE = "raise it with JAVA_TOOL_OPTIONS=-Xmx<size>";

  private HeapBudget() {}

  /** The most heap this JVM may use ({@code -Xmx}, by default a quarter of the RAM). */
  public static long heapBytes() {
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * Checks that {@code needBytes} of heap fit under {@link #heapBytes()}.
   *
   * @param what what needs it, as the caller's user names it: {@code "--memory 4T"}
   * @throws TooSmall naming {@code what}, the need and the heap, when it does not fit
   */
  public static void require(String what, long needBytes) {
    long heap = heapBytes();
    if (needBytes > heap) {
      throw new TooSmall(what, needBytes, heap);
    }
  }

  /** {@code count * bytesEach} without overflow: {@link Long#MAX_VALUE} when it would overflow. */
  public static long times(long count, long bytesEach) {
    return Math.multiplyHigh(count, bytesEach) != 0 || count * bytesEach < 0 ? Long.MAX_VALUE : count * bytesEach;
  }

  /** A run the heap cannot hold; bad input, as the parameter asked for more than this JVM has. */
  public static final class TooSmall extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long needBytes;
    private final long heapBytes;

    TooSmall(String what, long needBytes, long heapBytes) {
      super(what + " needs about " + Sizes.format(roundUpMiB(needBytes)) + " of Java heap, more than the "
          + Sizes.format(roundUpMiB(heapBytes)) + " this JVM has (" + HOW_TO_RAISE + ")");
      this.needBytes = needBytes;
      this.heapBytes = heapBytes;
    }

    private static long roundUpMiB(long bytes) {
      return bytes >= Long.MAX_VALUE - (1L << 20) ? bytes : Math.ceilDiv(bytes, 1L << 20) << 20;
    }

    /** The heap the run needs, in bytes. */
    public long needBytes() {
      return needBytes;
    }

    /** The heap this JVM has, in bytes. */
    public long heapBytes() {
      return heapBytes;
    }
  }
}
