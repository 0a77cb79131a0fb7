package io.buddykit.crypt;

/**
 * How a line's 96-bit AES-GCM IV is derived. All three put the line's address and its write
 * counter in the IV; the write counter counts the line's writes since its block was allocated,
 * as memory-encryption engines keep it, so it is unique only within one allocation's lifetime.
 * What distinguishes two lifetimes of the same line is the scheme's point:
 *
 * <ul>
 *   <li>{@link #ADDRESS}: nothing. A line freed and allocated again, in any block, repeats the
 *       IVs of its earlier lifetime.
 *   <li>{@link #ADDRESS_ORDER}: the order of the block the line is in. A line in a block of
 *       another order gets other IVs, but a block freed and allocated again at the same address
 *       and order repeats them.
 *   <li>{@link #EPOCH}: a fresh epoch drawn at every allocation, unique for the key's life. No
 *       two lifetimes share an epoch, so no IV ever repeats under one key.
 * </ul>
 *
 * <p>IV layout (big-endian, 96 bits; NIST SP 800-38D section 8.2.1's deterministic construction:
 * the first 32 bits are the fixed field, the last 64 the invocation field):
 *
 * <pre>
 *  bits 95..64  fixed field     ADDRESS: 0;  ADDRESS_ORDER: the block's order;  EPOCH: epoch bits 39..8
 *  bits 63..56  invocation      EPOCH: epoch bits 7..0;  others: 0
 *  bits 55..24  invocation      the line's index in memory (its physical address / line size)
 *  bits 23..0   invocation      the line's write counter within the allocation (24 bits by default)
 * </pre>
 */
public enum IvScheme {
  ADDRESS("address"),
  ADDRESS_ORDER("address+order"),
  EPOCH("epoch");

  private final String label;

  IvScheme(String label) {
    this.label = label;
  }

  /** The name used on the command line and in results. */
  public String label() {
    return label;
  }

  public static IvScheme parse(String s) {
    for (IvScheme v : values()) {
      if (v.label.equals(s) || v.name().equalsIgnoreCase(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown IV scheme '" + s + "' (address, address+order, epoch)");
  }
}
