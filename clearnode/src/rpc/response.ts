import type { BrokerSigner } from '../crypto/keccak-signer.ts';

/** Go's encoding/json escapes <, > and & and U+2028/2029 (they only occur inside strings). */
function escapeLikeGo(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/** JSON as Go's encoding/json writes it. */
export function goJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value));
}

type Piece = { text: string } | { value: unknown };

/**
 * JSON of decoded request data as Go re-marshals it (a map[string]any): object keys sorted at every
 * level, array order kept. Written without recursion, so any nesting a frame may carry fits.
 */
export function goJsonSortedKeys(value: unknown): string {
  const out: string[] = [];
  const pending: Piece[] = [{ value }];
  for (let piece = pending.pop(); piece !== undefined; piece = pending.pop()) {
    if ('text' in piece) {
      out.push(piece.text);
      continue;
    }
    const current = piece.value;
    if (current === null || typeof current !== 'object') {
      out.push(JSON.stringify(current) ?? 'null');
      continue;
    }
    const pieces: Piece[] = [];
    if (Array.isArray(current)) {
      current.forEach((item, i) => pieces.push({ text: i === 0 ? '[' : ',' }, { value: item }));
      if (pieces.length === 0) pieces.push({ text: '[' });
      pieces.push({ text: ']' });
    } else {
      const record = current as Record<string, unknown>;
      Object.keys(record)
        .sort()
        .forEach((key, i) =>
          pieces.push(
            { text: (i === 0 ? '{' : ',') + JSON.stringify(key) + ':' },
            { value: record[key] },
          ),
        );
      if (pieces.length === 0) pieces.push({ text: '{' });
      pieces.push({ text: '}' });
    }
    for (let i = pieces.length - 1; i >= 0; i--) pending.push(pieces[i]);
  }
  return escapeLikeGo(out.join(''));
}

/** A signed `res` frame: the broker signs keccak256 of the exact `res` array bytes it sends. */
export function signedResponse(
  signer: BrokerSigner,
  id: number,
  method: string,
  params: unknown,
  timestamp = Date.now(),
): string {
  const res = goJson([id, method, params ?? null, timestamp]);
  const signature = signer.sign(Buffer.from(res, 'utf8'));
  return `{"res":${res},"sig":["${signature}"]}`;
}

/** Server pushes are responses with request id 0; nil params become {} as in Go. */
export function signedNotification(signer: BrokerSigner, method: string, params: unknown): string {
  return signedResponse(signer, 0, method, params ?? {});
}
