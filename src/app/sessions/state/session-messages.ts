import { SessionMessage } from './app-session.model';

/** Messages kept per session; older ones drop off so a chatty session cannot grow without end. */
export const MESSAGES_PER_SESSION = 200;

/** Appends unless already there (a message may arrive twice, e.g. on two connections). */
export function appendBounded(list: readonly SessionMessage[] | undefined, message: SessionMessage): readonly SessionMessage[] {
  const current = list ?? [];
  if (current.some((known) => known.id === message.id)) return current;
  const next = [...current, message];
  return next.length > MESSAGES_PER_SESSION ? next.slice(next.length - MESSAGES_PER_SESSION) : next;
}

/** A message's identity: the same signed frame always gives the same id. */
export function messageId(sessionId: string, requestId: number, timestamp: number, signature: string): string {
  return `${sessionId}:${requestId}:${timestamp}:${signature.slice(0, 18)}`;
}
