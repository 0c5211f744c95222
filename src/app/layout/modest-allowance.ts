import { formatUnits, parseAmount } from '../shared/money/decimal-amount';

/** Dollar and euro tokens: amounts people can judge at a glance. */
const PEGGED = /usd|eur|dai/i;
/** At most this much of a pegged token by default, whatever is held. */
export const PEGGED_CAP = '100';
/** A pegged token whose balance is not known yet: enough to try a session, little to lose. */
export const PEGGED_STARTER = '10';

/**
 * The allowance offered at sign-in for one asset: what the person holds when known, at most
 * `PEGGED_CAP` of a dollar or euro token; when the balance is unknown, `PEGGED_STARTER` of those
 * and nothing of any other asset (no price is known to judge an amount of it).
 */
export function modestAllowance(symbol: string, decimals: number, balance: string | null): string {
  const pegged = PEGGED.test(symbol);
  const held = balance === null ? null : parseAmount(balance, decimals, symbol);
  if (!held?.ok) return pegged ? PEGGED_STARTER : '0';
  const units = held.units < 0n ? 0n : held.units;
  if (!pegged) return formatUnits(units, decimals);
  const cap = parseAmount(PEGGED_CAP, decimals);
  const capUnits = cap.ok ? cap.units : units;
  return formatUnits(units < capUnits ? units : capUnits, decimals);
}
