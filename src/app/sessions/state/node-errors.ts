import { ClearNodeRpcError } from '../../core';

/**
 * The node's own words when it refused (put in plain words first where this app knows them), else
 * the local error's message.
 */
export function errorText(error: unknown): string {
  if (error instanceof ClearNodeRpcError) return explained(error.nodeMessage);
  const nodeMessage = (error as { nodeMessage?: unknown } | null)?.nodeMessage;
  if (typeof nodeMessage === 'string') return explained(nodeMessage);
  return error instanceof Error ? error.message : String(error);
}

/** Refusals of money moving in and out of an open session, as people would say them. */
const PLAIN_WORDS: readonly (readonly [RegExp, (match: RegExpMatchArray) => string])[] = [
  [/^incorrect deposit request: decreased allocation/, () => 'A deposit can only add funds.'],
  [
    /^incorrect withdrawal request: increased allocation/,
    () => 'Taking funds out can only lower shares.',
  ],
  [
    /^incorrect deposit request: depositor signature is required/,
    () => 'Everyone whose share a deposit raises has to sign it.',
  ],
  [
    /^incorrect deposit request: insufficient unified balance/,
    () => "A depositor's ledger balance does not cover the deposit.",
  ],
  [
    /^incorrect deposit request: non-positive allocations sum delta/,
    () => 'The deposit adds nothing.',
  ],
  [
    /^incorrect withdrawal request: non-negative allocations sum delta/,
    () => 'The withdrawal takes nothing out.',
  ],
  [
    /^incorrect (?:deposit|withdrawal) request: quorum not reached: (\S+) \/ (\S+)/,
    (m) => `The signatures bring weight ${m[1]}, short of the quorum of ${m[2]}.`,
  ],
  [
    /insufficient session key allowance: (\S+) required, (\S+) available/,
    (m) =>
      `The session key may not spend that much (${m[1]} needed, ${m[2]} left): sign in again with a larger allowance.`,
  ],
];

function explained(nodeMessage: string): string {
  for (const [pattern, sentence] of PLAIN_WORDS) {
    const match = nodeMessage.match(pattern);
    if (match) return `${sentence(match)} (The ClearNode said: ${nodeMessage})`;
  }
  return nodeMessage;
}

/** `incorrect app state: incorrect version: expected N, got M` — someone moved the session on. */
export function isStaleVersion(text: string): boolean {
  return /incorrect version/i.test(text);
}

/** A node without the message relay (the official v0.5 node, or the local one in strict mode). */
export function isMessagingUnsupported(text: string): boolean {
  return /unknown method: message/i.test(text);
}
