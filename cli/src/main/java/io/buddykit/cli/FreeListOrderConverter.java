package io.buddykit.cli;

import io.buddykit.app.FreeListOrders;
import io.buddykit.core.FreeListOrder;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli read {@code --free-list-order linux|lowest-address} (names from {@link FreeListOrders}). */
final class FreeListOrderConverter implements ITypeConverter<FreeListOrder> {
  @Override
  public FreeListOrder convert(String value) {
    try {
      return FreeListOrders.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
