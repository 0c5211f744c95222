import { BaseWallet, TypedDataEncoder } from 'ethers';
import type { AuthTypes } from '../message-sender';
import { POLICY_STRUCT_TYPES } from '../../../testing/policy-types';
import { type SessionKeyAttestation } from '../../../core';

export const APPLICATION = 'nitrolite-sessions';

/** The SDK's EIP712AuthTypes, field for field (checked against the SDK in message-sender.spec). */
export const AUTH_TYPES: AuthTypes = POLICY_STRUCT_TYPES;

/** A far-future expiry (Unix seconds). */
export const LATER = 4_000_000_000;

/** What a wallet signs at sign-in for a session key, as the app keeps and sends it. */
export function attest(
  wallet: BaseWallet,
  sessionKey: string,
  overrides: Partial<SessionKeyAttestation['policy']> = {},
  application = APPLICATION,
): SessionKeyAttestation {
  const policy = {
    challenge: '5b3b5a1c-0000-4000-8000-000000000000',
    scope: 'nitrolite-sessions',
    wallet: wallet.address,
    session_key: sessionKey,
    expires_at: LATER,
    allowances: [{ asset: 'ytest.usd', amount: '10' }],
    ...overrides,
  };
  const types = Object.fromEntries(
    Object.entries(AUTH_TYPES).map(([k, v]) => [k, v.map((f) => ({ ...f }))]),
  );
  const signature = wallet.signingKey.sign(
    TypedDataEncoder.hash({ name: application }, types, policy),
  ).serialized;
  return { application, policy, signature };
}
