import { keccak256 } from 'ethers';

/** Hashes of already executed requests (by raw req bytes), kept for the message expiry window. */
export class ProcessedRequests {
  #expiries = new Map<string, number>();
  #ttlMs: number;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  static hash(reqBytes: Uint8Array): string {
    return keccak256(reqBytes);
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
