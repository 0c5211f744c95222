const SESSION_TTL_MS = 24 * 60 * 60_000;

/** Wallets that signed in, with their last activity; a wallet idle for 24 h must sign in again. */
export class AuthSessions {
  #lastActive = new Map<string, number>();

  register(wallet: string): void {
    this.#lastActive.set(wallet, Date.now());
  }

  isValid(wallet: string): boolean {
    const last = this.#lastActive.get(wallet);
    return last !== undefined && Date.now() <= last + SESSION_TTL_MS;
  }

  touch(wallet: string): void {
    if (this.#lastActive.has(wallet)) this.#lastActive.set(wallet, Date.now());
  }
}
