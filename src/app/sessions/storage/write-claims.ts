import { inject, Injectable } from '@angular/core';
import { writeClaimKey } from './storage-keys';
import { BROWSER_STORAGE } from '../../core';

/** A signed request is dead after 60 s on the node, so a claim never needs to outlive that. */
const WRITE_CLAIM_TTL_MS = 60_000;

/**
 * Cross-tab guard for writes: the first tab to claim a write (e.g. `close:<id>`) sends it; another
 * tab of the same browser that tries the same write within the TTL is told it is already on its way.
 */
@Injectable({ providedIn: 'root' })
export class WriteClaims {
  private readonly storage = inject(BROWSER_STORAGE);

  claim(key: string, now = Date.now()): boolean {
    try {
      const held = Number(this.storage.getItem(writeClaimKey(key)) ?? 0);
      if (held > now) return false;
      this.storage.setItem(writeClaimKey(key), String(now + WRITE_CLAIM_TTL_MS));
      return true;
    } catch {
      return true; // without storage there is no other tab to race with
    }
  }

  release(key: string): void {
    try {
      this.storage.removeItem(writeClaimKey(key));
    } catch (error) {
      console.warn('[sessions] could not release a write claim', error);
    }
  }
}
