package io.buddykit.flash;

/** Injected power loss: the flash operation in progress did not happen; DRAM state is gone. */
public final class PowerLoss extends RuntimeException {
  PowerLoss(String message) {
    super(message);
  }
}
