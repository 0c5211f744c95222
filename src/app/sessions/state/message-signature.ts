import { keccak256OfText } from '../../shared/crypto/keccak';
import { recoverDigestSigner } from '../../shared/crypto/secp256k1';
import { RpcRequest } from '../../core';

/**
 * The address that signed a request: requests are signed over keccak256 of the compact JSON of
 * `req` with no message prefix, so the public key is recovered from that digest directly.
 * Returns null for a signature that does not recover.
 */
export function recoverRequestSigner(req: RpcRequest, signature: string): string | null {
  try {
    return recoverDigestSigner(keccak256OfText(JSON.stringify(req)), signature);
  } catch {
    return null;
  }
}

export function firstSignature(sig: readonly string[] | string): string | null {
  return typeof sig === 'string' ? sig : (sig[0] ?? null);
}
