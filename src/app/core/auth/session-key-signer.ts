import { Injectable, inject } from '@angular/core';
import { NitroliteSdkLoader } from '../clearnode/nitrolite-sdk';
import type { RpcRequest } from '../clearnode/rpc-frame';
import { SessionKeyReplacedError } from './session-key-replaced';

export interface SessionKeyPair {
  readonly privateKey: string;
  readonly address: string;
}

type MessageSigner = (payload: RpcRequest) => Promise<string>;

/**
 * Signs requests with the session key registered at sign-in: keccak256 of JSON.stringify(req),
 * no prefix (the SDK's ECDSA signer). Wallets cannot sign raw digests, hence the session key.
 */
@Injectable({ providedIn: 'root' })
export class SessionKeySigner {
  private readonly sdk = inject(NitroliteSdkLoader);
  private key: SessionKeyPair | null = null;
  private signer: Promise<MessageSigner> | null = null;
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
    this.signer = key
      ? this.sdk
          .load()
          .then(
            (sdk) =>
              sdk.createECDSAMessageSigner(
                key.privateKey as `0x${string}`,
              ) as unknown as MessageSigner,
          )
      : null;
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
    if (!this.signer)
      throw new Error('Not signed in to the ClearNode: there is no session key to sign with.');
    const sign = await this.signer;
    return sign(req);
  }
}
