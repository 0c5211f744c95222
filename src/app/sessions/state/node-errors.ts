import { ClearNodeRpcError, inPlainWords } from '../../core';

/** The node's refusal in plain words (its own words beside them), else the local error's message. */
export function errorText(error: unknown): string {
  if (error instanceof ClearNodeRpcError) return inPlainWords(error.nodeMessage);
  const nodeMessage = (error as { nodeMessage?: unknown } | null)?.nodeMessage;
  if (typeof nodeMessage === 'string') return inPlainWords(nodeMessage);
  return error instanceof Error ? error.message : String(error);
}

/** `incorrect app state: incorrect version: expected N, got M` — someone moved the session on. */
export function isStaleVersion(text: string): boolean {
  return /incorrect version/i.test(text);
}

/** A node without the message relay (the official v0.5 node, or the local one in strict mode). */
export function isMessagingUnsupported(text: string): boolean {
  return /unknown method: message/i.test(text);
}
