import type { Allowance } from './allowance';

export interface PolicyMessage {
  readonly challenge: string;
  readonly scope: string;
  readonly wallet: string;
  readonly session_key: string;
  /** Unix seconds. */
  readonly expires_at: number;
  readonly allowances: readonly Allowance[];
}

/** The Policy and Allowance types, field for field as the SDK's EIP712AuthTypes and the node. */
export const POLICY_TYPES = {
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
} as const;

/**
 * The eth_signTypedData_v4 payload for auth_verify. The domain is `{name: application}` and
 * nothing else: the node rebuilds it that way and compares the recovered wallet.
 */
export function policyTypedData(application: string, message: PolicyMessage) {
  return {
    types: { EIP712Domain: [{ name: 'name', type: 'string' }], ...POLICY_TYPES },
    primaryType: 'Policy' as const,
    domain: { name: application },
    message: {
      ...message,
      allowances: message.allowances.map(({ asset, amount }) => ({ asset, amount })),
    },
  };
}

export type PolicyTypedData = ReturnType<typeof policyTypedData>;
