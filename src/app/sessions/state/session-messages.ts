import { SenderBinding, SessionMessage } from './app-session.model';

/** Messages kept per session; older ones drop off so a chatty session cannot grow without end. */
export const MESSAGES_PER_SESSION = 200;

/** Appends unless already there (a message may arrive twice, e.g. on two connections). */
export function appendBounded(
  list: readonly SessionMessage[] | undefined,
  message: SessionMessage,
): readonly SessionMessage[] {
  return appendCounting(list, message).transcript;
}

/** Appends within the bound, and says how many older messages fell off for it. */
export function appendCounting(
  list: readonly SessionMessage[] | undefined,
  message: SessionMessage,
): { readonly transcript: readonly SessionMessage[]; readonly dropped: number } {
  const current = list ?? [];
  if (current.some((known) => known.id === message.id)) return { transcript: current, dropped: 0 };
  const next = [...current, message];
  const over = Math.max(0, next.length - MESSAGES_PER_SESSION);
  return { transcript: over ? next.slice(over) : next, dropped: over };
}

/** A message's identity: the same signed frame always gives the same id. */
export function messageId(
  sessionId: string,
  requestId: number,
  timestamp: number,
  signature: string,
): string {
  return `${sessionId}:${requestId}:${timestamp}:${signature.slice(0, 18)}`;
}

/** Session keys remembered per session; the oldest is verified again if more keys show up. */
export const SENDER_KEYS_PER_SESSION = 32;

/** One session's proven keys: session key (checksummed) → the participant it acts for. */
export type SenderKeys = Readonly<Record<string, SenderBinding>>;

/** Remembers that `sessionKey` (checksummed) acts for a wallet in a session, within the bound. */
export function rememberSenderKey(
  keys: SenderKeys,
  sessionKey: string,
  binding: SenderBinding,
): SenderKeys {
  const current = { ...keys };
  delete current[sessionKey];
  const entries = [...Object.entries(current), [sessionKey, binding] as const];
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - SENDER_KEYS_PER_SESSION)));
}

/** A remembered binding still in force, or null (unknown, or its key has expired since). */
export function knownSender(
  keys: SenderKeys | undefined,
  sessionKey: string,
  nowMs: number,
): SenderBinding | null {
  const binding = keys?.[sessionKey];
  if (!binding) return null;
  return binding.expiresAt === null || binding.expiresAt * 1000 > nowMs ? binding : null;
}
