/**
 * Amounts travel as decimal strings in human units ("10.5"), exactly as the ClearNode sends them.
 * Arithmetic happens on bigint base units at the asset's decimals; floats never touch money.
 */

export type AmountParse =
  { readonly ok: true; readonly units: bigint } | { readonly ok: false; readonly error: string };

const DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

/**
 * Reads a decimal string into base units. Rejects empty input, signs other than a leading minus,
 * exponents, separators, and more fractional digits than the asset has. Negative amounts parse
 * (so callers can say "cannot be negative" rather than "not a number").
 */
export function parseAmount(text: string, decimals: number, symbol = 'this asset'): AmountParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Enter an amount.' };
  const match = DECIMAL.exec(trimmed);
  const [, minus, whole = '', fraction] = match ?? [];
  if (!match || (whole === '' && (fraction ?? '') === '')) {
    return { ok: false, error: `"${trimmed}" is not a decimal amount.` };
  }
  const fractionDigits = fraction ?? '';
  if (fractionDigits.length > decimals) {
    return {
      ok: false,
      error:
        decimals === 0
          ? `${symbol} has no decimals.`
          : `${symbol} allows at most ${decimals} decimal${decimals === 1 ? '' : 's'}.`,
    };
  }
  const digits = (whole || '0') + fractionDigits.padEnd(decimals, '0');
  const units = BigInt(digits);
  return { ok: true, units: minus ? -units : units };
}

/**
 * Writes base units as the shortest decimal string ("10", "10.5", "0.000001", "-3"), the form the
 * ClearNode uses on the wire.
 */
export function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Formats for people: thousands separators on the whole part, fraction kept exact. */
export function formatForDisplay(units: bigint, decimals: number): string {
  const plain = formatUnits(units, decimals);
  const [whole, fraction] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

export function sumUnits(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** Whether a decimal amount is exactly zero ("0", "0.000", "-0"), at whatever precision it has. */
export function isZeroAmount(text: string): boolean {
  const fractionDigits = text.trim().split('.')[1]?.length ?? 0;
  const parsed = parseAmount(text, fractionDigits);
  return parsed.ok && parsed.units === 0n;
}
