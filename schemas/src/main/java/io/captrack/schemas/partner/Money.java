package io.captrack.schemas.partner;

import io.captrack.schemas.Require;
import java.math.BigDecimal;

/**
 * An amount in a currency.
 *
 * @param amount the amount, not negative
 * @param currency the ISO 4217 code, three capital letters
 */
public record Money(BigDecimal amount, String currency) {

  public Money {
    Require.nonNegative(amount, "value.amount");
    Require.text(currency, "value.currency");
    if (!currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("value.currency must be an ISO 4217 code");
    }
  }
}
