import type { Connection } from './connection-hub.ts';
import type { RequestFrame } from './frame.ts';
import { recoverSigner } from '../crypto/keccak-signer.ts';

/** One request being handled: the frame, the connection, and the signer set derived from it. */
export class RpcContext {
  readonly connection: Connection;
  readonly frame: RequestFrame;
  /** The wallet this connection acts as; auth_verify changes it. */
  userId: string;
  #signers: Set<string> | undefined;
  /** Indexes of 65-byte signatures that went through recovery (see historySignatures). */
  #recovered = new Set<number>();

  constructor(connection: Connection, frame: RequestFrame) {
    this.connection = connection;
    this.frame = frame;
    this.userId = connection.userId;
  }

  /** Recovers the signer of signature `index` over the raw req bytes; throws on a malformed signature. */
  recoverSignature(index: number): string {
    const signature = this.frame.signatures[index];
    if (signature.length === 132) this.#recovered.add(index);
    return recoverSigner(this.frame.reqBytes, signature);
  }

  /** Go's GetRequestSignersMap: every signature recovered over the raw req bytes; duplicates collapse. */
  signers(): Set<string> {
    if (!this.#signers) {
      const set = new Set<string>();
      for (let i = 0; i < this.frame.signatures.length; i++) set.add(this.recoverSignature(i));
      this.#signers = set;
    }
    return this.#signers;
  }

  /**
   * The request signatures as Go keeps them in the RPC history: lowercase hex, and with v lowered from
   * 27/28 to 0/1 for every signature recovery touched (Go's recovery rewrites the v byte in place).
   */
  historySignatures(): string[] {
    return this.frame.signatures.map((signature, i) => {
      const hex = signature.toLowerCase();
      if (!this.#recovered.has(i)) return hex;
      const v = parseInt(hex.slice(130, 132), 16);
      return v >= 27 ? hex.slice(0, 130) + (v - 27).toString(16).padStart(2, '0') : hex;
    });
  }
}
