import { hasPlainWords, inPlainWords } from './node-error-words';

/** Every refusal the protocol notes list for ClearNode v0.5.2, as the node words it. */
const NODE_REFUSALS = [
  'allocation to non-participant 0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  'an open app session not found: record not found',
  'authentication required',
  'expiration time must be set and in the future',
  'failed to generate JWT token',
  'failed to get application session',
  'failed to create application session',
  'incorrect app state: incorrect version: expected 4, got 3',
  'incorrect app state: unsupported intent: resize',
  'incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed',
  'incorrect operate request: asset eth is not deposited into the app session. Please deposit the asset first',
  'incorrect operate request: allocation references unknown asset btc',
  'incorrect request: specified parameters are not supported in this protocol',
  'incorrect submit_state request: quorum not reached: 50 / 100',
  'incorrect deposit request: quorum not reached: 50 / 100',
  'incorrect withdrawal request: quorum not reached: 50 / 100',
  'incorrect deposit request: decreased allocation for participant 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  'incorrect deposit request: depositor signature is required',
  'incorrect deposit request: insufficient unified balance',
  'incorrect deposit request: non-positive allocations sum delta',
  'incorrect withdrawal request: increased allocation for participant 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  'incorrect withdrawal request: non-negative allocations sum delta',
  'insufficient funds: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 for asset usdc',
  'invalid JWT token',
  'invalid authentication method: expected JWT or signature',
  'invalid challenge or signature',
  'invalid challenge',
  'invalid message format',
  'invalid message timestamp',
  'invalid number of participants',
  'invalid signature',
  'message validation failed',
  'missing participant signature',
  'missing required parameters: app_id or allocations',
  'missing signature for participant 0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  'negative allocation: -1 for asset usdc',
  'nonce is zero or not provided',
  'number of weights must be equal to participants',
  'operation denied: non-zero allocation in 1 channel(s) detected owned by wallet 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  'participant 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 weight cannot be negative',
  'participant 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 has challenged channels, cannot execute operation',
  'session expired, please re-authenticate',
  'session key already exists but is expired',
  'session key spending validation failed: operation denied: insufficient session key allowance: 5 required, 2 available',
  'signature from unknown participant wallet 0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  'signer is already in use for another wallet',
  'target quorum (150) cannot be greater than total sum of weights (100)',
  'unknown method: message',
  'unknown method: get_rpc_history',
  'unsupported protocol: NitroRPC/0.3',
  "unsupported token: asset 'doge' is not supported",
];

describe('node refusals in plain words', () => {
  it('has a sentence for every refusal the ClearNode is known to give, and keeps its words', () => {
    for (const refusal of NODE_REFUSALS) {
      expect(hasPlainWords(refusal)).withContext(refusal).toBeTrue();
      const plain = inPlainWords(refusal);
      expect(plain).toMatch(/^[A-Z].*[.:] \(The ClearNode said: /);
      expect(plain.endsWith(`(The ClearNode said: ${refusal})`))
        .withContext(refusal)
        .toBeTrue();
    }
  });

  it('says the specific thing, with the numbers the node gave', () => {
    expect(inPlainWords('incorrect submit_state request: quorum not reached: 50 / 100')).toMatch(
      /^The signatures bring weight 50, short of the quorum of 100\./,
    );
    expect(inPlainWords('unknown method: message')).toMatch(
      /^This ClearNode does not relay messages between participants\./,
    );
    expect(inPlainWords('unknown method: get_rpc_history')).toMatch(
      /^This ClearNode does not know the request get_rpc_history\./,
    );
    expect(inPlainWords('insufficient funds: 0xabc for asset usdc')).toMatch(
      /^Your ledger balance of usdc is too small for this\./,
    );
  });

  it('leaves a refusal it does not know in the node’s words', () => {
    expect(hasPlainWords('something new went wrong')).toBeFalse();
    expect(inPlainWords('something new went wrong')).toBe('something new went wrong');
  });
});
