/**
 * The EIP-712 Policy struct types as the wallet signs them at sign-in: the SDK's EIP712AuthTypes
 * field for field (a spec in sessions checks the two agree), without the domain type.
 */
export const POLICY_STRUCT_TYPES = {
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
