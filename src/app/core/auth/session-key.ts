import { addressOfPrivateKey, randomPrivateKey } from '../../shared/crypto/secp256k1';
import type { SessionKeyPair } from './session-key-signer';

/** A fresh secp256k1 key for one sign-in; its address is checksummed, as the node compares strings. */
export function generateSessionKey(): SessionKeyPair {
  const privateKey = randomPrivateKey();
  return { privateKey, address: addressOfPrivateKey(privateKey) };
}
