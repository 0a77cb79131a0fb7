package io.buddykit.flash;

/**
 * Where, inside the NAND operation it hits, an injected power loss falls. {@link Nand} is the one
 * place each cut is carried out.
 */
public enum PowerCut {
  /** Before the operation started: the page or block is as it was. */
  BEFORE,
  /**
   * While the operation ran. A cut program leaves a torn page: partly programmed cells that read
   * back with an uncorrectable ECC error (the out-of-band check word does not verify), never as
   * the old or the new content, and that cannot be programmed again before an erase. A cut erase
   * leaves a partially erased block: each page still reads its old data, reads erased, or reads
   * uncorrectable, and the block's erase header, written only once an erase completed, is gone.
   */
  DURING
}
