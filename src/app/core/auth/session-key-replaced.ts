/** What the person reads once the node no longer knows this browser's session key. */
export const KEY_REPLACED_MESSAGE = 'Signed in on another device or tab: sign in again here.';

/**
 * The node keeps one session key per wallet and application: a sign-in elsewhere replaced ours.
 * Writes fail with this, in plain words, rather than with the node's own text.
 */
export class SessionKeyReplacedError extends Error {
  override readonly name = 'SessionKeyReplacedError';
  constructor() {
    super(KEY_REPLACED_MESSAGE);
  }
}

/**
 * Whether the node refused a request because it no longer maps `sessionKey` to our wallet. An
 * unknown signer counts as its own wallet on the node, so the refusal names the key itself (or our
 * wallet as unsigned); a co-signer's unknown key names someone else and is not ours to act on.
 */
export function isReplacedKeyRefusal(
  text: string,
  sessionKey: string | null,
  wallet: string | null = null,
): boolean {
  if (!sessionKey) return false;
  const lower = text.toLowerCase();
  // We signed for our wallet, yet the node finds no signature of it: our key no longer maps to it.
  if (wallet && lower === `missing signature for participant ${wallet.toLowerCase()}`) return true;
  const key = sessionKey.toLowerCase();
  if (lower.startsWith('signature from unknown participant wallet'))
    return lower.endsWith(key) || lower.includes(`${key} `) || lower.includes(`${key},`);
  return lower.startsWith('unknown session key') || lower.includes(`unknown session key ${key}`);
}
