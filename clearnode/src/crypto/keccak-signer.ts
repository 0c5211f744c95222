import {
  SigningKey,
  Signature,
  keccak256,
  recoverAddress,
  computeAddress,
  hexlify,
  randomBytes,
} from 'ethers';

/** Signs keccak256(data) with no EIP-191 prefix, v = 27/28: how the broker signs every frame. */
export class BrokerSigner {
  readonly address: string;
  readonly privateKey: string;
  #key: SigningKey;

  constructor(privateKey: string) {
    this.#key = new SigningKey(privateKey.startsWith('0x') ? privateKey : '0x' + privateKey);
    this.privateKey = this.#key.privateKey;
    this.address = computeAddress(this.#key.publicKey);
  }

  static generate(): BrokerSigner {
    return new BrokerSigner(hexlify(randomBytes(32)));
  }

  sign(data: Uint8Array): string {
    return this.#key.sign(keccak256(data)).serialized;
  }

  signDigest(digest: string): { r: string; s: string } {
    const signature = this.#key.sign(digest);
    return { r: signature.r, s: signature.s };
  }
}

/** Recovers the checksummed signer of keccak256(data); throws on malformed signatures like Go does. */
export function recoverSigner(data: Uint8Array, signature: string): string {
  return recoverDigestSigner(keccak256(data), signature);
}

export function recoverDigestSigner(digest: string, signature: string): string {
  const bytes = signature.slice(2);
  if (bytes.length !== 130)
    throw new Error(`invalid signature length: got ${bytes.length / 2}, want 65`);
  let v = parseInt(bytes.slice(128, 130), 16);
  if (v >= 27) v -= 27;
  if (v !== 0 && v !== 1) throw new Error('signature recovery failed: invalid recovery id');
  const sig = Signature.from({
    r: '0x' + bytes.slice(0, 64),
    s: '0x' + bytes.slice(64, 128),
    v: 27 + v,
  });
  return recoverAddress(digest, sig);
}
