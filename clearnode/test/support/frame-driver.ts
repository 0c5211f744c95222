import { keccak256, toUtf8Bytes, SigningKey } from 'ethers';
import type { RunningClearNode } from '../../src/clearnode.ts';
import type { Connection } from '../../src/rpc/connection-hub.ts';
import type { Wallet } from './client.ts';

/** The answer to one frame: the method (or "error") and its params. */
export interface Answer {
  method: string;
  params: Record<string, unknown>;
}

let nextId = 1;

/** A `req` text for `method`, stamped now unless told otherwise. */
export function reqText(method: string, params: object, timestamp = Date.now()): string {
  return JSON.stringify([nextId++, method, params, timestamp]);
}

/** A frame of `req` signed by each wallet's own key (an unmapped signer acts as its own wallet). */
export function signedFrame(req: string, signers: Wallet[]): string {
  const digest = keccak256(toUtf8Bytes(req));
  const signatures = signers.map((w) => new SigningKey(w.privateKey).sign(digest).serialized);
  return JSON.stringify({ req: '\u0000', sig: signatures }).replace('"\\u0000"', req);
}

/**
 * Drives a node's router without sockets: a connection already signed in as `wallet` (the state a
 * successful auth_verify leaves), whose answers are collected synchronously.
 */
export class SignedInConnection {
  readonly wallet: Wallet;
  #node: RunningClearNode;
  #connection: Connection;
  #sent: string[] = [];

  constructor(node: RunningClearNode, wallet: Wallet, id: number) {
    this.#node = node;
    this.wallet = wallet;
    this.#connection = {
      id,
      userId: '',
      policy: {
        wallet: wallet.address,
        session_key: wallet.address,
        scope: 'all',
        application: 'clearnode',
        allowance: [],
        expiration: '',
      },
      send: (text) => this.#sent.push(String(text)),
    };
    node.services.authSessions.register(wallet.address);
    node.services.hub.add(this.#connection);
    node.services.hub.authenticate(this.#connection, wallet.address);
  }

  /** Handles one frame and returns its answer (pushes are dropped). */
  send(frame: string | Uint8Array): Answer {
    this.#sent.length = 0;
    this.#node.router.handle(
      this.#connection,
      typeof frame === 'string' ? Buffer.from(frame) : frame,
    );
    for (const text of this.#sent) {
      // Relayed messages are request frames; answers and pushes are `res` frames, pushes with id 0.
      const res = (JSON.parse(text) as { res?: [number, string, Record<string, unknown>] }).res;
      if (res && res[0] !== 0) return { method: res[1], params: res[2] ?? {} };
    }
    throw new Error('no answer');
  }
}

export function errorText(answer: Answer): string | undefined {
  return answer.method === 'error' ? String(answer.params.error) : undefined;
}
