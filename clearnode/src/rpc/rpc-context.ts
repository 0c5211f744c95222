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

  constructor(connection: Connection, frame: RequestFrame) {
    this.connection = connection;
    this.frame = frame;
    this.userId = connection.userId;
  }

  /** Go's GetRequestSignersMap: every signature recovered over the raw req bytes; duplicates collapse. */
  signers(): Set<string> {
    if (!this.#signers) {
      const set = new Set<string>();
      for (const signature of this.frame.signatures) set.add(recoverSigner(this.frame.reqBytes, signature));
      this.#signers = set;
    }
    return this.#signers;
  }
}
