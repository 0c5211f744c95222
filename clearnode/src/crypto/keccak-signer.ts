import { SigningKey, keccak256, computeAddress, hexlify, randomBytes, getBytes } from 'ethers';
import { chooseSecp256k1, type CryptoName, type Secp256k1 } from './secp256k1.ts';

/** Process-wide: request recovery is a plain function called deep inside the handlers. */
let chosen = chooseSecp256k1();
let active: Secp256k1 = chosen.backend;

/**
 * Selects the secp256k1 implementation for the whole process (see secp256k1.ts); returns the one in
 * use and, when native was asked for but did not load, why.
 */
export function useCrypto(wanted?: CryptoName): { name: CryptoName; fallback?: string } {
  chosen = chooseSecp256k1(wanted);
  active = chosen.backend;
  return cryptoInUse();
}

export function cryptoInUse(): { name: CryptoName; fallback?: string } {
  return { name: active.name, ...(chosen.fallback ? { fallback: chosen.fallback } : {}) };
}

/** Signs keccak256(data) with no EIP-191 prefix, v = 27/28: how the broker signs every frame. */
export class BrokerSigner {
  readonly address: string;
  readonly privateKey: string;
  #keyBytes: Uint8Array;

  constructor(privateKey: string) {
    // ethers validates the key once; signing then goes through the active backend.
    const key = new SigningKey(privateKey.startsWith('0x') ? privateKey : '0x' + privateKey);
    this.privateKey = key.privateKey;
    this.address = computeAddress(key.publicKey);
    this.#keyBytes = getBytes(key.privateKey);
  }

  static generate(): BrokerSigner {
    return new BrokerSigner(hexlify(randomBytes(32)));
  }

  sign(data: Uint8Array): string {
    const signature = active.sign(getBytes(keccak256(data)), this.#keyBytes);
    return '0x' + Buffer.from(signature.buffer, signature.byteOffset, 65).toString('hex');
  }

  signDigest(digest: string): { r: string; s: string } {
    const hex = Buffer.from(active.sign(getBytes(digest), this.#keyBytes)).toString('hex');
    return { r: '0x' + hex.slice(0, 64), s: '0x' + hex.slice(64, 128) };
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
  return active.recover(digest, bytes.slice(0, 128), v);
}
