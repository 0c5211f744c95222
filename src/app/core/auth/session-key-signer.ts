import { Injectable } from '@angular/core';
import { signDigest } from '../../shared/crypto/secp256k1';
import type { RpcRequest } from '../clearnode/rpc-frame';
import { rpcDigest } from './rpc-digest';
import { SessionKeyReplacedError } from './session-key-replaced';

export interface SessionKeyPair {
  readonly privateKey: string;
  readonly address: string;
}

/**
 * Signs requests with the session key registered at sign-in: keccak256 of JSON.stringify(req),
 * no prefix, 65 bytes r‖s‖v with v 27/28, as the SDK's ECDSA signer does. Wallets cannot sign raw
 * digests, hence the session key. It signs with the app's secp256k1, already loaded to check the
 * broker's signatures, so reads and writes never wait for the SDK chunk.
 */
@Injectable({ providedIn: 'root' })
export class SessionKeySigner {
  private key: SessionKeyPair | null = null;
  /** The node replaced our key: nothing is signed with it again, and writes say why. */
  private replaced = false;
  /** The key the node replaced, to recognise its refusals of writes still in flight. */
  private replacedKey: string | null = null;

  /** The session key address in use, or null when signed out. */
  get address(): string | null {
    return this.key?.address ?? null;
  }

  /** The wallet the key acts for, when known: the node names it when it does not map our key. */
  private walletAddress: string | null = null;

  /** The wallet the key in use (or the replaced one) acts for. */
  get wallet(): string | null {
    return this.walletAddress;
  }

  use(key: SessionKeyPair | null, wallet: string | null = null): void {
    this.replaced = false;
    this.replacedKey = null;
    this.walletAddress = key ? wallet : null;
    if (key?.privateKey === this.key?.privateKey) return;
    this.key = key;
  }

  /** A sign-in elsewhere replaced the key on the node: stop signing with it. */
  retire(): void {
    const address = this.address ?? this.replacedKey;
    const wallet = this.walletAddress;
    this.use(null);
    this.replaced = true;
    this.replacedKey = address;
    this.walletAddress = wallet;
  }

  /** The key in use, or the one the node replaced: whose refusals mean "replaced". */
  get lastAddress(): string | null {
    return this.address ?? this.replacedKey;
  }

  async signRequest(req: RpcRequest): Promise<string> {
    if (this.replaced) throw new SessionKeyReplacedError();
    if (!this.key)
      throw new Error('Not signed in to the ClearNode: there is no session key to sign with.');
    return signDigest(this.key.privateKey, rpcDigest(req));
  }
}
