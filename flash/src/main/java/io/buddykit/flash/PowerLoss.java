package io.buddykit.flash;

import java.io.Serial;

/** Injected power loss: the flash operation in progress did not happen; DRAM state is gone. */
public final class PowerLoss extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  PowerLoss(String message) {
    super(message);
  }
}
