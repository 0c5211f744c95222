export interface BackoffPolicy {
  readonly baseMs: number;
  readonly factor: number;
  readonly capMs: number;
  /** 0..1: the share of each delay that is random, so many tabs do not retry in step. */
  readonly jitter: number;
}

const RECONNECT_BACKOFF: BackoffPolicy = {
  baseMs: 500,
  factor: 2,
  capMs: 15_000,
  jitter: 0.3,
};

/**
 * Delay before reconnect attempt `attempt` (1 = first retry): exponential up to the cap, with
 * the top `jitter` share randomised. `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = RECONNECT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * policy.factor ** exponent);
  const fixed = ceiling * (1 - policy.jitter);
  return Math.round(fixed + ceiling * policy.jitter * random());
}
