package io.buddykit.app;

import io.buddykit.core.FreeListOrder;
import java.util.List;

/**
 * The names front ends give a simulated machine's {@link FreeListOrder}: {@code linux} (the
 * kernel's lists, the default) and {@code lowest-address}. One owner, so that the command line and
 * the live view accept and print the same words.
 */
public final class FreeListOrders {
  /** Every name, the default first. */
  public static final List<String> NAMES = List.of("linux", "lowest-address");

  private FreeListOrders() {}

  /** The order named {@code name}; IllegalArgumentException naming the choices for any other. */
  public static FreeListOrder parse(String name) {
    return switch (name) {
      case "linux" -> FreeListOrder.LINUX;
      case "lowest-address" -> FreeListOrder.LOWEST_ADDRESS;
      default -> throw new IllegalArgumentException("must be linux or lowest-address, not '" + name + "'");
    };
  }
}
