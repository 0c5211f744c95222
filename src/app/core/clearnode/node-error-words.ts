/**
 * The ClearNode's refusals (v0.5.x, as its Go source and the local node word them) in sentences
 * for people. The node's own words stay beside them, for whoever needs the detail.
 */
const SENTENCES: readonly (readonly [RegExp, (match: RegExpMatchArray) => string])[] = [
  // Money moving in and out of an open session.
  [/incorrect deposit request: decreased allocation/, () => 'A deposit can only add funds.'],
  [
    /incorrect withdrawal request: increased allocation/,
    () => 'Taking funds out can only lower shares.',
  ],
  [
    /depositor signature is required/,
    () => 'Everyone whose share a deposit raises has to sign it.',
  ],
  [
    /insufficient unified balance/,
    () => "A depositor's ledger balance does not cover the deposit.",
  ],
  [/non-positive allocations sum delta/, () => 'The deposit adds nothing.'],
  [/non-negative allocations sum delta/, () => 'The withdrawal takes nothing out.'],
  [
    /quorum not reached: (\S+) \/ (\S+)/,
    (m) => `The signatures bring weight ${m[1]}, short of the quorum of ${m[2]}.`,
  ],
  [
    /insufficient session key allowance: (\S+) required, (\S+) available/,
    (m) =>
      `The session key may not spend that much (${m[1]} needed, ${m[2]} left): sign in again with a larger allowance.`,
  ],
  // Session writes.
  [
    /incorrect version: expected (\d+), got (\d+)/,
    () => 'The session changed meanwhile: look at its new state and try again.',
  ],
  [
    /unsupported intent: (\S+)/,
    (m) => `This ClearNode does not take this kind of update (${m[1]}).`,
  ],
  [/not fully redistributed/, () => 'The amounts do not add up to what the session holds.'],
  [
    /is not deposited into the app session/,
    () => 'The session holds none of this asset: add it with a deposit first.',
  ],
  [/allocation references unknown asset (\S+)/, (m) => `The session holds no ${m[1]}.`],
  [/allocation to non-participant/, () => 'The split names someone who is not a participant.'],
  [/negative allocation/, () => 'An amount is negative.'],
  [
    /specified parameters are not supported in this protocol/,
    () => "This session's protocol (NitroRPC/0.2) takes no version or intent.",
  ],
  [
    /an open app session not found/,
    () => 'The ClearNode has no open session with this id: it may have been closed already.',
  ],
  [/failed to get application session/, () => 'The ClearNode does not know this session.'],
  [
    /failed to create application session/,
    () =>
      'The ClearNode did not open the session (one with the same definition may exist already).',
  ],
  [
    /missing required parameters: app_id or allocations/,
    () => 'The close names no session or no split.',
  ],
  [
    /missing signature for participant/,
    () => 'Everyone who puts funds in must sign, and a signature is missing.',
  ],
  [/missing participant signature/, () => "A participant's signature is missing."],
  [
    /signature from unknown participant wallet/,
    () =>
      'A signature comes from a key the ClearNode does not accept for this session; if you signed in on another device or tab, sign in again here.',
  ],
  [
    /insufficient funds: \S+ for asset (\S+)/,
    (m) => `Your ledger balance of ${m[1]} is too small for this.`,
  ],
  [
    /non-zero allocation in \d+ channel\(s\)/,
    () =>
      'Funds of this wallet are still in an on-chain channel: the ClearNode moves nothing in app sessions until it is emptied or closed.',
  ],
  [
    /has challenged channels/,
    () =>
      'A participant has a channel under challenge on-chain: nothing moves until it is settled.',
  ],
  // Opening a session.
  [/unsupported protocol: (\S+)/, (m) => `The ClearNode does not take protocol ${m[1]}.`],
  [/invalid number of participants/, () => 'A session needs at least 2 participants.'],
  [
    /number of weights must be equal to participants/,
    () => 'Each participant needs exactly one weight.',
  ],
  [/nonce is zero or not provided/, () => 'The session needs a nonce other than 0.'],
  [/weight cannot be negative/, () => 'A weight cannot be negative.'],
  [
    /cannot be greater than total sum of weights/,
    () => 'The quorum cannot be greater than the sum of the weights.',
  ],
  [/unsupported token: asset '([^']*)'/, (m) => `The ClearNode does not hold the asset ${m[1]}.`],
  // Signing in and signatures.
  [/authentication required/, () => 'Sign in to the ClearNode first.'],
  [/session expired, please re-authenticate/, () => 'Your sign-in expired: sign in again.'],
  [/invalid JWT token/, () => 'The saved sign-in is no longer valid: sign in again.'],
  [
    /expiration time must be set and in the future/,
    () => "The session key's expiry must be in the future: check this device's clock.",
  ],
  [
    /failed to generate JWT token/,
    () => 'The ClearNode could not complete the sign-in: try again.',
  ],
  [/invalid authentication method/, () => 'The sign-in request was not one the ClearNode takes.'],
  [/invalid challenge/, () => 'The sign-in did not match its challenge: sign in again.'],
  [
    /session key already exists but is expired/,
    () => 'This session key has expired: sign in again to get a new one.',
  ],
  [
    /signer is already in use for another wallet/,
    () => 'This session key belongs to another wallet on this node: sign in again.',
  ],
  [
    /invalid message timestamp/,
    () =>
      "The request was signed more than a minute before it arrived, or this device's clock is off.",
  ],
  [/invalid signature/, () => 'A signature does not match the request.'],
  [
    /invalid message format|message validation failed/,
    () => 'The ClearNode could not read the request.',
  ],
  [/unknown method: message/, () => 'This ClearNode does not relay messages between participants.'],
  [/unknown method: (\S+)/, (m) => `This ClearNode does not know the request ${m[1]}.`],
];

/** A sentence for the node's refusal followed by its own words; one not known here is left as is. */
export function inPlainWords(nodeMessage: string): string {
  for (const [pattern, sentence] of SENTENCES) {
    const match = nodeMessage.match(pattern);
    if (match) return `${sentence(match)} (The ClearNode said: ${nodeMessage})`;
  }
  return nodeMessage;
}

/** Whether this app knows the refusal well enough to put it in its own words. */
export function hasPlainWords(nodeMessage: string): boolean {
  return SENTENCES.some(([pattern]) => pattern.test(nodeMessage));
}
