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

interface TypedDataField {
  readonly name: string;
  readonly type: string;
}

/** The Policy and Allowance struct types; the SDK's `EIP712AuthTypes` are what the node checks. */
export interface PolicyTypes {
  readonly Policy: readonly TypedDataField[];
  readonly Allowance: readonly TypedDataField[];
}

/**
 * The eth_signTypedData_v4 payload for auth_verify. The domain is `{name: application}` and
 * nothing else: the node rebuilds it that way and compares the recovered wallet.
 */
export function policyTypedData(types: PolicyTypes, application: string, message: PolicyMessage) {
  return {
    types: {
      EIP712Domain: [{ name: 'name', type: 'string' }],
      Policy: types.Policy,
      Allowance: types.Allowance,
    },
    primaryType: 'Policy' as const,
    domain: { name: application },
    message: {
      ...message,
      allowances: message.allowances.map(({ asset, amount }) => ({ asset, amount })),
    },
  };
}

export type PolicyTypedData = ReturnType<typeof policyTypedData>;
