import { secp256k1 } from '@noble/curves/secp256k1';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { toChecksumAddress } from './eip55';
import { keccak256Hex } from './keccak';

/**
 * The one secp256k1 the app runs before a sign-in (noble's, which ethers and the SDK wrap too):
 * signatures are 65 bytes r‖s‖v with v 27 or 28, over a 32-byte digest with no prefix, as the
 * ClearNode and the SDK's ECDSA signer use them.
 */

/** Bytes of a 0x-hex string of exactly `length` bytes; throws otherwise. */
function bytesOf(hex: string, length: number, what: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]*$/.test(hex) || hex.length !== 2 + 2 * length)
    throw new Error(`${what} must be 0x and ${length} bytes of hex`);
  return hexToBytes(hex.slice(2));
}

/** The checksummed address of an uncompressed public key (65 bytes, 0x04 first). */
function addressOfPublicKey(publicKey: Uint8Array): string {
  return toChecksumAddress('0x' + keccak256Hex(publicKey.subarray(1)).slice(-40));
}

/** The checksummed address a private key signs for. */
export function addressOfPrivateKey(privateKey: string): string {
  return addressOfPublicKey(
    secp256k1.getPublicKey(bytesOf(privateKey, 32, 'A private key'), false),
  );
}

/** A fresh private key from the browser's secure random source. */
export function randomPrivateKey(): string {
  return '0x' + bytesToHex(secp256k1.utils.randomPrivateKey());
}

/** Signs a 32-byte digest (RFC 6979, low s): 0x-hex r‖s‖v, v 27 or 28. */
export function signDigest(privateKey: string, digest: string): string {
  const signature = secp256k1.sign(
    bytesOf(digest, 32, 'A digest'),
    bytesOf(privateKey, 32, 'A private key'),
    { lowS: true },
  );
  return '0x' + signature.toCompactHex() + (27 + signature.recovery).toString(16);
}

/**
 * The checksummed address that signed a 32-byte digest. Throws for a signature that is not
 * 65 bytes, has an s with its top bit set, a v other than 0, 1, 27 or 28, or does not recover.
 */
export function recoverDigestSigner(digest: string, signature: string): string {
  const bytes = bytesOf(signature, 65, 'A signature');
  if (bytes[32] & 0x80) throw new Error('A signature must have a canonical s');
  const v = bytes[64];
  const recovery = v === 0 || v === 27 ? 0 : v === 1 || v === 28 ? 1 : null;
  if (recovery === null) throw new Error(`A signature's v must be 27 or 28, not ${v}`);
  const point = secp256k1.Signature.fromCompact(bytes.subarray(0, 64))
    .addRecoveryBit(recovery)
    .recoverPublicKey(bytesOf(digest, 32, 'A digest'));
  return addressOfPublicKey(point.toRawBytes(false));
}
