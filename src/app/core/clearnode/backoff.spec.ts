import { backoffDelay, type BackoffPolicy } from './backoff';

describe('reconnect backoff', () => {
  const policy: BackoffPolicy = { baseMs: 500, factor: 2, capMs: 15_000, jitter: 0.3 };

  it('doubles from the base up to the cap without jitter at the low end', () => {
    const low = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => backoffDelay(n, policy, low))).toEqual([
      350, 700, 1400, 2800, 5600, 10500, 10500, 10500,
    ]);
  });

  it('never exceeds the cap and randomises only the jitter share', () => {
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(500);
    expect(backoffDelay(30, policy, () => 0.999999)).toBe(15_000);
    for (let attempt = 1; attempt < 20; attempt++) {
      const delay = backoffDelay(attempt, policy);
      const ceiling = Math.min(15_000, 500 * 2 ** (attempt - 1));
      expect(delay).toBeGreaterThanOrEqual(ceiling * 0.7 - 1);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('treats attempt 0 like the first', () => {
    expect(backoffDelay(0, policy, () => 0.5)).toBe(backoffDelay(1, policy, () => 0.5));
  });
});
