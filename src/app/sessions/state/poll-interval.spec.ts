import { HIDDEN_POLL_MS, MAX_POLL_MS, pollInterval, VISIBLE_POLL_MS } from './poll-interval';

describe('pollInterval', () => {
  it('asks every ten seconds while the tab is visible, every minute while hidden', () => {
    expect(pollInterval(true, 0)).toBe(10_000);
    expect(pollInterval(false, 0)).toBe(60_000);
  });

  it('doubles the wait with each failure in a row', () => {
    expect([1, 2, 3].map((failures) => pollInterval(true, failures))).toEqual([
      20_000, 40_000, 80_000,
    ]);
    expect(pollInterval(false, 1)).toBe(120_000);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(pollInterval(true, 5)).toBe(MAX_POLL_MS);
    expect(pollInterval(true, 1_000)).toBe(MAX_POLL_MS);
    expect(pollInterval(false, 3)).toBe(MAX_POLL_MS);
  });

  it('treats a nonsense failure count as none', () => {
    expect(pollInterval(true, -3)).toBe(VISIBLE_POLL_MS);
    expect(pollInterval(false, Number.NaN)).toBe(HIDDEN_POLL_MS);
  });
});
