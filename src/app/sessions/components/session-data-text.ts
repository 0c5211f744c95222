export type SessionDataText =
  | { readonly ok: true; readonly value: string | undefined }
  | { readonly ok: false; readonly error: string };

/**
 * What the person typed as `session_data`: nothing (not sent), or JSON sent compact. Anything else
 * is refused before signing, with the parser's reason.
 */
export function parseSessionDataText(text: string): SessionDataText {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.stringify(JSON.parse(text)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Session data must be JSON (${reason}).` };
  }
}
