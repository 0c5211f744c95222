import { computeAddress, keccak256, SigningKey, toUtf8Bytes } from 'ethers';
import { RpcRequest } from '../../core';

/**
 * The address that signed a request: requests are signed over keccak256 of the compact JSON of
 * `req` with no message prefix, so the public key is recovered from that digest directly.
 * Returns null for a signature that does not recover.
 */
export function recoverRequestSigner(req: RpcRequest, signature: string): string | null {
  try {
    const digest = keccak256(toUtf8Bytes(JSON.stringify(req)));
    return computeAddress(SigningKey.recoverPublicKey(digest, signature));
  } catch {
    return null;
  }
}

export function firstSignature(sig: readonly string[] | string): string | null {
  return typeof sig === 'string' ? sig : (sig[0] ?? null);
}
