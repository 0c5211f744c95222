import type { Policy } from '../auth/jwt.ts';

/** One WebSocket client: who it is signed in as, and how to write to it. */
export interface Connection {
  readonly id: number;
  userId: string;
  policy: Policy | null;
  /** Sends a text frame (bytes are sent as they are). */
  send(text: string | Uint8Array): void;
}

/** All open connections, indexed by the wallet they are authenticated as. */
export class ConnectionHub {
  #all = new Set<Connection>();
  #byWallet = new Map<string, Set<Connection>>();

  add(connection: Connection): void {
    this.#all.add(connection);
  }

  remove(connection: Connection): void {
    this.#all.delete(connection);
    this.#unlink(connection);
  }

  authenticate(connection: Connection, wallet: string): void {
    this.#unlink(connection);
    connection.userId = wallet;
    let set = this.#byWallet.get(wallet);
    if (!set) this.#byWallet.set(wallet, (set = new Set()));
    set.add(connection);
  }

  /** Connections signed in as exactly this wallet string (as Go, no case folding). */
  of(wallet: string): Connection[] {
    return [...(this.#byWallet.get(wallet) ?? [])];
  }

  all(): Connection[] {
    return [...this.#all];
  }

  #unlink(connection: Connection): void {
    if (!connection.userId) return;
    const set = this.#byWallet.get(connection.userId);
    set?.delete(connection);
    if (set && set.size === 0) this.#byWallet.delete(connection.userId);
  }
}
