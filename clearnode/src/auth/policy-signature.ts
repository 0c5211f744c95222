import { TypedDataEncoder } from 'ethers';
import { isHexAddress } from '../address.ts';
import { recoverDigestSigner } from '../crypto/keccak-signer.ts';
import type { Challenge } from './challenges.ts';

const POLICY_TYPES = {
  Policy: [
    { name: 'challenge', type: 'string' },
    { name: 'scope', type: 'string' },
    { name: 'wallet', type: 'address' },
    { name: 'session_key', type: 'address' },
    { name: 'expires_at', type: 'uint64' },
    { name: 'allowances', type: 'Allowance[]' },
  ],
  Allowance: [
    { name: 'asset', type: 'string' },
    { name: 'amount', type: 'string' },
  ],
};

function asTypedAddress(value: string): string {
  if (!isHexAddress(value)) throw new Error(`invalid address ${value}`);
  return '0x' + value.replace(/^0x/i, '').toLowerCase();
}

/**
 * Recovers the wallet that signed the EIP-712 Policy for a challenge. The domain is only
 * {name: application}; all values come from the stored auth_request, so they must match exactly.
 */
export function recoverPolicySigner(challenge: Challenge, signature: string): string {
  const digest = TypedDataEncoder.hash({ name: challenge.application }, POLICY_TYPES, {
    challenge: challenge.token,
    scope: challenge.scope,
    wallet: asTypedAddress(challenge.address),
    session_key: asTypedAddress(challenge.sessionKey),
    expires_at: BigInt(challenge.expiresAt),
    allowances: challenge.allowances.map((a) => ({ asset: a.asset, amount: a.amount })),
  });
  return recoverDigestSigner(digest, signature);
}
