package io.buddykit.experiments.stacks;

import java.io.Serial;

/** A touch of a stack's unmapped guard page: the overflow the guard pages exist to catch. */
public final class GuardPageFault extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final long address;
  private final int page;

  /**
   * @param address the virtual address touched
   * @param page the page of the stack's block it falls in (0 is the top page)
   */
  public GuardPageFault(long address, int page) {
    super("stack overflow: address 0x" + Long.toHexString(address) + " is in guard page " + page + " (unmapped)");
    this.address = address;
    this.page = page;
  }

  public long address() {
    return address;
  }

  public int page() {
    return page;
  }
}
