import { computeAddress, hexlify } from 'ethers';
import type { SessionKeyPair } from './session-key-signer';

/** A fresh secp256k1 key for one sign-in; its address is checksummed, as the node compares strings. */
export function generateSessionKey(): SessionKeyPair {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const privateKey = hexlify(bytes);
  return { privateKey, address: computeAddress(privateKey) };
}
