package io.buddykit.experiments.frag;

/** Counters of dynamic arrays' growth on one heap: moves, in-place growths, copies, peak held. */
public final class GrowthStats {
  long growths;
  long moves;
  long inPlaceGrowths;
  long slackReuses;
  long elementsCopied;
  long peakUnits;

  void observePeak(long liveUnits) {
    peakUnits = Math.max(peakUnits, liveUnits);
  }

  /** Times a full array grew (its first allocation is not one). */
  public long growths() {
    return growths;
  }

  /** Growths that allocated a new block and copied the elements into it. */
  public long moves() {
    return moves;
  }

  /** Growths that merged the block with its free buddy (tryGrowInPlace): nothing copied. */
  public long inPlaceGrowths() {
    return inPlaceGrowths;
  }

  /** Growths the block's rounding slack already held: no allocator call at all. */
  public long slackReuses() {
    return slackReuses;
  }

  public long elementsCopied() {
    return elementsCopied;
  }

  /** Most units held at once, the old and new block of a move included. */
  public long peakUnits() {
    return peakUnits;
  }
}
