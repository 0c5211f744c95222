import { randomInt } from 'node:crypto';
import type { Store } from './database.ts';

const TAG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Short public tags that name a wallet (transfer by tag); created on first sign-in. */
export class UserTags {
  #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  ensure(wallet: string): string {
    const existing = this.tagOf(wallet);
    if (existing) return existing;
    for (let attempt = 0; attempt < 10; attempt++) {
      const tag = Array.from(
        { length: 6 },
        () => TAG_ALPHABET[randomInt(TAG_ALPHABET.length)],
      ).join('');
      try {
        this.#store.statement('INSERT INTO user_tags (wallet, tag) VALUES (?, ?)').run(wallet, tag);
        return tag;
      } catch {
        // Tag collision: try another one.
      }
    }
    throw new Error('failed to generate a unique tag after multiple attempts');
  }

  tagOf(wallet: string): string | undefined {
    const row = this.#store.statement('SELECT tag FROM user_tags WHERE wallet = ?').get(wallet) as
      { tag: string } | undefined;
    return row?.tag;
  }

  walletOf(tag: string): { wallet: string; tag: string } | undefined {
    return this.#store
      .statement('SELECT wallet, tag FROM user_tags WHERE tag = ?')
      .get(tag.toUpperCase()) as { wallet: string; tag: string } | undefined;
  }
}
