import { keccak256 } from 'ethers';

/** Requests already executed, by the hash of their raw req bytes, so the same signed frame runs once. */
export interface ProcessedRequests {
  has(hash: string): boolean;
  /** Remembers a request signed at `timestamp` (ms); called inside the write's own transaction. */
  add(hash: string, timestamp: number): void;
}

export function requestHash(reqBytes: Uint8Array): string {
  return keccak256(reqBytes);
}

/**
 * Go's message cache: in memory, each hash kept for the expiry window from when it was processed.
 * A restart forgets every hash, so a frame still inside its window can run again (strict mode only).
 */
export class ProcessedRequestsInMemory implements ProcessedRequests {
  #expiries = new Map<string, number>();
  #ttlMs: number;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  has(hash: string): boolean {
    const expiry = this.#expiries.get(hash);
    return expiry !== undefined && Date.now() <= expiry;
  }

  add(hash: string): void {
    const now = Date.now();
    if (this.#expiries.size > 1000)
      for (const [key, expiry] of this.#expiries) if (now > expiry) this.#expiries.delete(key);
    this.#expiries.set(hash, now + this.#ttlMs);
  }
}
