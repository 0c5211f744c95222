import * as fc from 'fast-check';
import {
  formatForDisplay,
  formatUnits,
  isZeroAmount,
  parseAmount,
  sumUnits,
} from './decimal-amount';

describe('decimal amounts', () => {
  it('reads human amounts into base units at the asset decimals', () => {
    expect(parseAmount('10.5', 6)).toEqual({ ok: true, units: 10_500_000n });
    expect(parseAmount('0.000001', 6)).toEqual({ ok: true, units: 1n });
    expect(parseAmount('.5', 6)).toEqual({ ok: true, units: 500_000n });
    expect(parseAmount('7.', 2)).toEqual({ ok: true, units: 700n });
    expect(parseAmount(' 3 ', 0)).toEqual({ ok: true, units: 3n });
    expect(parseAmount('-2.5', 6)).toEqual({ ok: true, units: -2_500_000n });
    expect(parseAmount('1', 18)).toEqual({ ok: true, units: 10n ** 18n });
  });

  it('refuses malformed input and too many decimals with a message', () => {
    for (const bad of [
      '',
      'abc',
      '1e3',
      '1,000',
      '+1',
      '--1',
      '1.2.3',
      '.',
      '0x10',
      'NaN',
      'Infinity',
    ]) {
      const parsed = parseAmount(bad, 6, 'usdc');
      expect(parsed.ok).withContext(bad).toBeFalse();
    }
    expect(parseAmount('1.1234567', 6, 'usdc')).toEqual({
      ok: false,
      error: 'usdc allows at most 6 decimals.',
    });
    expect(parseAmount('1.5', 0, 'tok')).toEqual({ ok: false, error: 'tok has no decimals.' });
  });

  it('writes the shortest decimal, as the ClearNode does', () => {
    expect(formatUnits(10_000_000n, 6)).toBe('10');
    expect(formatUnits(10_500_000n, 6)).toBe('10.5');
    expect(formatUnits(0n, 6)).toBe('0');
    expect(formatUnits(1n, 6)).toBe('0.000001');
    expect(formatUnits(-3_000_000n, 6)).toBe('-3');
    expect(formatUnits(42n, 0)).toBe('42');
    expect(formatForDisplay(1_234_567_890_000n, 6)).toBe('1,234,567.89');
  });

  it('round-trips every amount exactly (no float loss)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 18 }),
        (units, decimals) => {
          const parsed = parseAmount(formatUnits(units, decimals), decimals);
          return parsed.ok && parsed.units === units;
        },
      ),
    );
  });

  it('tells zero from non-zero on the decimal string, at any precision', () => {
    expect(['0', '0.000', '-0', ' 0.0 '].every(isZeroAmount)).toBeTrue();
    expect(isZeroAmount('0.000000000000000000001')).toBeFalse();
    expect(isZeroAmount(`0.${'0'.repeat(400)}1`)).toBeFalse(); // a float reads this as 0
    expect(isZeroAmount('10')).toBeFalse();
    expect(isZeroAmount('not a number')).toBeFalse();
  });

  it('adds without float error', () => {
    const tenths = Array.from({ length: 10 }, () => parseAmount('0.1', 18)).map((p) =>
      p.ok ? p.units : 0n,
    );
    expect(formatUnits(sumUnits(tenths), 18)).toBe('1');
  });
});
