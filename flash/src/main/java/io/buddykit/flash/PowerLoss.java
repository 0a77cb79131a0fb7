package io.buddykit.flash;

import java.io.Serial;

/**
 * Injected power loss (see {@link PowerCut} for what it leaves on flash): DRAM state is gone and
 * {@link Ftl#recover()} must be called before the device is used again.
 */
public final class PowerLoss extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  PowerLoss(String message) {
    super(message);
  }
}
