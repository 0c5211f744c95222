import { keccak256OfText } from '../crypto/keccak';
import type { SessionDefinition } from './session-definition';

/**
 * The id the node gives a session with this definition: keccak256 of the definition as Go's
 * `json.Marshal` writes its struct (fields in the order application, protocol, participants,
 * weights, quorum, challenge, nonce; `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…),
 * lowercase 0x-hex. Known before sending, so a create whose answer was lost can be looked up.
 */
export function appSessionId(definition: SessionDefinition): string {
  const canonical = goJson({
    application: wellFormed(definition.application),
    protocol: wellFormed(definition.protocol),
    participants: definition.participants.map(wellFormed),
    weights: definition.weights,
    quorum: definition.quorum,
    challenge: definition.challenge,
    nonce: definition.nonce,
  });
  return keccak256OfText(canonical);
}

/** JSON.stringify with the escapes Go adds (they can only occur inside strings). */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/** Go decodes a lone surrogate as U+FFFD, so that is what it hashes. */
function wellFormed(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}
