import { TypedDataEncoder } from 'ethers';
import { EIP712AuthTypes } from '@erc7824/nitrolite';
import { isHexAddress } from '../address.ts';
import { recoverDigestSigner } from '../crypto/keccak-signer.ts';
import type { Challenge } from './challenges.ts';

function asTypedAddress(value: string): string {
  if (!isHexAddress(value)) throw new Error(`invalid address ${value}`);
  return '0x' + value.replace(/^0x/i, '').toLowerCase();
}

/**
 * Recovers the wallet that signed the EIP-712 Policy for a challenge. The domain is only
 * {name: application} and the types are the SDK's Policy/Allowance; all values come from the stored
 * auth_request, so they must match exactly.
 */
export function recoverPolicySigner(challenge: Challenge, signature: string): string {
  const digest = TypedDataEncoder.hash({ name: challenge.application }, EIP712AuthTypes, {
    challenge: challenge.token,
    scope: challenge.scope,
    wallet: asTypedAddress(challenge.address),
    session_key: asTypedAddress(challenge.sessionKey),
    expires_at: BigInt(challenge.expiresAt),
    allowances: challenge.allowances.map((a) => ({ asset: a.asset, amount: a.amount })),
  });
  return recoverDigestSigner(digest, signature);
}
