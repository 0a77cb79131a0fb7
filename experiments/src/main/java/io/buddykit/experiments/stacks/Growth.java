package io.buddykit.experiments.stacks;

/** What one stack growth did: its kind, the block orders before and after, and the pages copied. */
public record Growth(Kind kind, int fromOrder, int toOrder, long pagesCopied) {
  /** How the stack got its new pages. */
  public enum Kind {
    /** The block already had the pages: guard pages were mapped, a new guard set below them. */
    IN_BLOCK,
    /** The block merged with its free buddy (tryGrowInPlace): nothing moved. */
    IN_PLACE,
    /** A larger block was allocated, the used pages copied and the old block freed. */
    MOVED,
    /** No block was free for the move: the thread cannot grow. */
    FAILED
  }
}
