import { createRequire } from 'node:module';
import { SigningKey, Signature, recoverAddress, keccak256, getAddress } from 'ethers';

/**
 * The two secp256k1 operations the node needs (sign a digest, recover the signer of one), with two
 * implementations: the native libsecp256k1 binding of the `secp256k1` package (prebuilt binaries, no
 * compiler at install) and ethers in pure JS. Both give byte-identical answers: RFC 6979 nonces,
 * low s, v = 27/28, checksummed addresses, and the same errors (the native path hands anything it
 * cannot recover to ethers, whose error is then the answer).
 */
export type CryptoName = 'native' | 'js';

export interface Secp256k1 {
  readonly name: CryptoName;
  /** r ‖ s ‖ v (v = 27/28) of a 32-byte digest. */
  sign(digest: Uint8Array, privateKey: Uint8Array): Uint8Array;
  /** The checksummed signer of a 0x-hex digest, given r ‖ s as 128 hex digits and v as 0/1. */
  recover(digest: string, rs: string, v: 0 | 1): string;
}

export const jsSecp256k1: Secp256k1 = {
  name: 'js',
  sign(digest, privateKey) {
    const signature = new SigningKey(privateKey).sign(digest);
    return Buffer.from(signature.serialized.slice(2), 'hex');
  },
  recover(digest, rs, v) {
    const sig = Signature.from({
      r: '0x' + rs.slice(0, 64),
      s: '0x' + rs.slice(64, 128),
      v: 27 + v,
    });
    return recoverAddress(digest, sig);
  },
};

interface NativeBinding {
  ecdsaSign(digest: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(rs: Uint8Array, recid: number, digest: Uint8Array, compressed: boolean): Uint8Array;
}

const RS_HEX = /^[0-9a-fA-F]{128}$/;
const DIGEST_HEX = /^0x[0-9a-fA-F]{64}$/;
/** Recovered public key → address; clients sign many frames with one key, so most lookups hit. */
const ADDRESS_CACHE_SIZE = 4096;

function nativeFrom(binding: NativeBinding): Secp256k1 {
  const addresses = new Map<string, string>();
  const addressOf = (publicKey: Uint8Array): string => {
    const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.length).toString(
      'base64',
    );
    let address = addresses.get(id);
    if (address === undefined) {
      address = getAddress('0x' + keccak256(publicKey.subarray(1)).slice(26));
      if (addresses.size >= ADDRESS_CACHE_SIZE) addresses.clear();
      addresses.set(id, address);
    }
    return address;
  };
  return {
    name: 'native',
    sign(digest, privateKey) {
      const { signature, recid } = binding.ecdsaSign(digest, privateKey);
      const out = new Uint8Array(65);
      out.set(signature);
      out[64] = 27 + recid;
      return out;
    },
    recover(digest, rs, v) {
      // ethers refuses an s with its top bit set ("non-canonical s") where libsecp256k1 recovers;
      // such input, odd hex and every native failure go to ethers so the error is its error.
      if (RS_HEX.test(rs) && DIGEST_HEX.test(digest) && parseInt(rs[64], 16) < 8) {
        try {
          return addressOf(
            binding.ecdsaRecover(
              Buffer.from(rs, 'hex'),
              v,
              Buffer.from(digest.slice(2), 'hex'),
              false,
            ),
          );
        } catch {
          // fall through
        }
      }
      return jsSecp256k1.recover(digest, rs, v);
    },
  };
}

// The package's own entry silently falls back to a slow JS curve; the binding alone does not.
const loadBinding = () => createRequire(import.meta.url)('secp256k1/bindings') as NativeBinding;

let nativeLoad: { backend: Secp256k1 } | { error: string } | undefined;

/** The native backend, or why it could not be loaded (no prebuilt binary for this platform, …). */
export function loadNative(
  load: () => unknown = loadBinding,
): { backend: Secp256k1 } | { error: string } {
  if (load !== loadBinding) return tryNative(load);
  return (nativeLoad ??= tryNative(load));
}

function tryNative(load: () => unknown): { backend: Secp256k1 } | { error: string } {
  try {
    const backend = nativeFrom(load() as NativeBinding);
    // A broken binary fails here rather than on the first request.
    const check = backend.sign(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2));
    if (check.length !== 65) throw new Error('unexpected signature length');
    return { backend };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Picks the backend: `wanted` (an option), else CLEARNODE_CRYPTO, else native; native falls back to
 * js when it does not load, and `fallback` says why.
 */
export function chooseSecp256k1(
  wanted?: CryptoName,
  load?: () => unknown,
): { backend: Secp256k1; fallback?: string } {
  const name = wanted ?? (process.env.CLEARNODE_CRYPTO === 'js' ? 'js' : 'native');
  if (name === 'js') return { backend: jsSecp256k1 };
  const native = loadNative(load);
  if ('backend' in native) return { backend: native.backend };
  return { backend: jsSecp256k1, fallback: native.error };
}
