/**
 * Amounts travel as decimal strings in human units. Internally every amount is a bigint at a fixed
 * scale of 18 fractional digits (the largest asset precision), so sums are exact for every asset and
 * for symbols the node does not know (the Go node accepts any symbol and any precision).
 */
export const AMOUNT_SCALE = 18;
const SCALE_FACTOR = 10n ** BigInt(AMOUNT_SCALE);

const DECIMAL_SYNTAX = /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string or JSON number. Returns null when it is not a decimal or is finer than the scale. */
export function parseAmount(value: unknown): bigint | null {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return null;
  const match = DECIMAL_SYNTAX.exec(text);
  if (!match) return null;
  const [, sign, body, exponentText] = match;
  const exponent = exponentText ? Number(exponentText) : 0;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return null;
  const [intPart, fracPart = ''] = body.split('.');
  let digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  let fractionDigits = fracPart.length - exponent;
  if (fractionDigits < 0) {
    digits += '0'.repeat(-fractionDigits);
    fractionDigits = 0;
  }
  if (fractionDigits > AMOUNT_SCALE) {
    const excess = digits.slice(digits.length - (fractionDigits - AMOUNT_SCALE));
    if (/[1-9]/.test(excess)) return null;
    digits = digits.slice(0, digits.length - (fractionDigits - AMOUNT_SCALE)) || '0';
    fractionDigits = AMOUNT_SCALE;
  }
  const scaled = BigInt(digits || '0') * 10n ** BigInt(AMOUNT_SCALE - fractionDigits);
  return sign === '-' ? -scaled : scaled;
}

/** Formats like Go's shopspring decimal String(): no exponent, no trailing zeros, "0" for zero. */
export function formatAmount(amount: bigint): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = abs / SCALE_FACTOR;
  const fraction = (abs % SCALE_FACTOR).toString().padStart(AMOUNT_SCALE, '0').replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** Number of fractional digits an amount needs (used to refuse amounts finer than an asset allows). */
export function fractionDigits(amount: bigint): number {
  const abs = amount < 0n ? -amount : amount;
  const fraction = (abs % SCALE_FACTOR).toString().padStart(AMOUNT_SCALE, '0').replace(/0+$/, '');
  return fraction.length;
}

/**
 * The text of the error Go's decimal parser gives for a string it refuses, for messages that embed
 * it. A well-formed decimal finer than this node's scale is accepted by Go; here it gets its own text.
 */
export function decimalParseError(text: string): string {
  let body = text;
  const e = text.search(/[Ee]/);
  if (e !== -1) {
    const exponent = text.slice(e + 1);
    if (!/^[+-]?\d+$/.test(exponent))
      return `can't convert ${text} to decimal: exponent is not numeric`;
    if (Math.abs(Number(exponent)) > 2 ** 31)
      return `can't convert ${text} to decimal: fractional part too long`;
    body = text.slice(0, e);
  }
  if (body.split('.').length > 2) return `can't convert ${body} to decimal: too many .s`;
  if (DECIMAL_SYNTAX.test(text))
    return `can't convert ${text} to decimal: more than ${AMOUNT_SCALE} fractional digits`;
  return `can't convert ${body} to decimal`;
}
