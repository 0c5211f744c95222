import { randomUUID } from 'node:crypto';
import type { Allowance } from './session-keys.ts';

const CHALLENGE_TTL_MS = 5 * 60_000;
const MAX_PENDING_CHALLENGES = 1000;
/**
 * Pending challenges one connection, and one address, may hold. A sign-in needs one; past the limit
 * the newest replaces the oldest, so a client flooding auth_request only churns its own challenges and
 * can no longer fill the node-wide cap that locks every other wallet out.
 */
export const MAX_PENDING_PER_CONNECTION = 4;
export const MAX_PENDING_PER_ADDRESS = 8;
/** What the pending challenges may hold in strings at most: 1000 ordinary ones need well under 1 MiB. */
export const MAX_PENDING_CHALLENGE_CHARS = 16 * 1024 * 1024;

export interface Challenge {
  token: string;
  address: string;
  sessionKey: string;
  application: string;
  allowances: Allowance[];
  scope: string;
  expiresAt: number; // session key expiry, Unix seconds as sent
  challengeExpiresAt: number;
  completed: boolean;
}

type PendingChallenge = Challenge & { size: number; connection: number };

/** The characters a challenge keeps (its strings, and a little for each allowance). */
function sizeOf(request: Omit<Challenge, 'token' | 'challengeExpiresAt' | 'completed'>): number {
  let size =
    request.address.length +
    request.sessionKey.length +
    request.application.length +
    request.scope.length;
  for (const allowance of request.allowances)
    size += allowance.asset.length + allowance.amount.length + 16;
  return size;
}

/**
 * Pending auth challenges: in memory, 5 minutes, single use, at most 1000 at a time (as Go) and at most
 * MAX_PENDING_CHALLENGE_CHARS in all, so oversized requests cannot fill the memory; per connection and
 * per address, the newest few replace the oldest.
 */
export class Challenges {
  // A Map iterates in insertion order, so the first match is the oldest.
  #pending = new Map<string, PendingChallenge>();
  #chars = 0;

  get size(): number {
    return this.#pending.size;
  }

  /** A challenge for `request`, asked for by connection `connection`. */
  create(
    request: Omit<Challenge, 'token' | 'challengeExpiresAt' | 'completed'>,
    connection: number,
  ): string {
    this.#purgeExpired();
    const address = request.address.startsWith('0x') ? request.address : '0x' + request.address;
    this.#keepRoomFor((c) => c.connection === connection, MAX_PENDING_PER_CONNECTION);
    this.#keepRoomFor((c) => c.address === address, MAX_PENDING_PER_ADDRESS);
    if (this.#pending.size >= MAX_PENDING_CHALLENGES)
      throw new Error('too many pending challenges');
    const size = sizeOf(request);
    if (this.#chars + size > MAX_PENDING_CHALLENGE_CHARS)
      throw new Error('pending challenges too large');
    const token = randomUUID();
    this.#pending.set(token, {
      ...request,
      address,
      token,
      challengeExpiresAt: Date.now() + CHALLENGE_TTL_MS,
      completed: false,
      size,
      connection,
    });
    this.#chars += size;
    return token;
  }

  get(token: string): Challenge | undefined {
    return this.#pending.get(token);
  }

  /** Go's ValidateChallenge: the signer must match, the challenge must be fresh and unused. */
  complete(token: string, recovered: string): void {
    const challenge = this.#pending.get(token);
    if (!challenge) throw new Error('challenge not found');
    if (challenge.address !== recovered) throw new Error('challenge address mismatch');
    if (Date.now() > challenge.challengeExpiresAt) {
      this.#drop(token);
      throw new Error('challenge expired');
    }
    if (challenge.completed) {
      this.#drop(token);
      throw new Error('challenge already used');
    }
    challenge.completed = true;
    challenge.challengeExpiresAt = Date.now() + 30_000;
  }

  /** Drops the oldest challenges matching `holds` until fewer than `limit` remain. */
  #keepRoomFor(holds: (challenge: PendingChallenge) => boolean, limit: number): void {
    const held = [...this.#pending.values()].filter(holds);
    for (let i = 0; i <= held.length - limit; i++) this.#drop(held[i].token);
  }

  #purgeExpired(): void {
    const now = Date.now();
    for (const [token, challenge] of this.#pending)
      if (now > challenge.challengeExpiresAt) this.#drop(token);
  }

  #drop(token: string): void {
    const challenge = this.#pending.get(token);
    if (!challenge) return;
    this.#pending.delete(token);
    this.#chars -= challenge.size;
  }
}

/** Parses a UUID in the forms Go's uuid package accepts; returns the canonical lowercase form. */
export function parseUuid(text: string): string | null {
  let hex = text;
  if (/^urn:uuid:/i.test(hex)) hex = hex.slice(9);
  if (/^\{.*\}$/.test(hex)) hex = hex.slice(1, -1);
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(hex))
    return hex.toLowerCase();
  if (/^[0-9a-fA-F]{32}$/.test(hex)) {
    const h = hex.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return null;
}
