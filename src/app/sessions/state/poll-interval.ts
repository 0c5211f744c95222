/** How often the sessions list is asked for while the tab is on screen (ms). */
export const VISIBLE_POLL_MS = 10_000;
/** While the tab is hidden nobody is looking: ask less often (ms). */
export const HIDDEN_POLL_MS = 60_000;
/** However many lookups failed in a row, ask again at least this often (ms). */
export const MAX_POLL_MS = 300_000;

/**
 * The wait before the next look at `get_app_sessions`. Official nodes announce nothing to a
 * participant given a zero allocation, so asking is the only way to learn of such sessions;
 * after failures the wait doubles per failure (capped) so that a struggling node is not pressed.
 */
export function pollInterval(visible: boolean, failuresInARow: number): number {
  const base = visible ? VISIBLE_POLL_MS : HIDDEN_POLL_MS;
  const failures = Number.isFinite(failuresInARow) ? Math.max(0, Math.floor(failuresInARow)) : 0;
  // 2^5 already passes the cap from either base; stop there so that the number stays small.
  return Math.min(base * 2 ** Math.min(failures, 5), MAX_POLL_MS);
}
