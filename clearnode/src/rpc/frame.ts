/**
 * Parsing of v0.5 request frames `{"req":[id,method,params,ts],"sig":[...],"sid":"0x..."}`.
 * Signatures cover the exact bytes of the `req` value as received, so besides JSON.parse we
 * locate that value's byte span in the raw frame instead of re-serialising it.
 */
export interface RequestFrame {
  id: number;
  method: string;
  params: unknown;
  timestamp: number;
  /** The bytes of the `req` value exactly as received. */
  reqBytes: Uint8Array;
  signatures: string[];
  sid: string;
  /** The whole frame as received (relayed unchanged by the message extension). */
  raw: Uint8Array;
}

export type FrameResult = { ok: true; frame: RequestFrame } | { ok: false; id: number; error: string };

const INVALID_FORMAT = 'invalid message format';
const VALIDATION_FAILED = 'message validation failed';

export function parseRequestFrame(raw: Uint8Array): FrameResult {
  let spans: Map<string, [number, number]> | null;
  let message: unknown;
  try {
    message = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
    spans = topLevelValueSpans(raw);
  } catch {
    return { ok: false, id: 0, error: INVALID_FORMAT };
  }
  if (message === null) return { ok: false, id: 0, error: VALIDATION_FAILED };
  if (typeof message !== 'object' || Array.isArray(message) || !spans) return { ok: false, id: 0, error: INVALID_FORMAT };
  const fields = message as Record<string, unknown>;

  let id = 0;
  let method = '';
  let params: unknown = null;
  let timestamp = 0;
  const req = fields.req;
  if (req !== undefined && req !== null) {
    if (!Array.isArray(req) || req.length !== 4) return { ok: false, id: 0, error: INVALID_FORMAT };
    if (!isUint(req[0])) return { ok: false, id: 0, error: INVALID_FORMAT };
    id = req[0];
    if (typeof req[1] !== 'string' && req[1] !== null) return { ok: false, id, error: INVALID_FORMAT };
    method = req[1] ?? '';
    params = req[2];
    if (!isUint(req[3]) && req[3] !== null) return { ok: false, id, error: INVALID_FORMAT };
    timestamp = req[3] ?? 0;
  }

  const signatures: string[] = [];
  if (fields.sig !== undefined && fields.sig !== null) {
    if (!Array.isArray(fields.sig)) return { ok: false, id, error: INVALID_FORMAT };
    for (const sig of fields.sig) {
      if (typeof sig !== 'string' || !/^0[xX]([0-9a-fA-F]{2})*$/.test(sig)) return { ok: false, id, error: INVALID_FORMAT };
      signatures.push(sig);
    }
  }
  let sid = '';
  if (fields.sid !== undefined && fields.sid !== null) {
    if (typeof fields.sid !== 'string') return { ok: false, id, error: INVALID_FORMAT };
    sid = fields.sid;
  }

  const hasRes = fields.res !== undefined && fields.res !== null;
  if (hasRes || id === 0 || method === '' || params === null || params === undefined || timestamp === 0) {
    return { ok: false, id: 0, error: VALIDATION_FAILED };
  }
  const span = spans.get('req')!;
  return { ok: true, frame: { id, method, params, timestamp, reqBytes: raw.subarray(span[0], span[1]), signatures, sid, raw } };
}

function isUint(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Byte spans of the values of a top-level JSON object's keys (last occurrence wins, as in Go).
 * Structural characters are ASCII, so scanning bytes is safe for any UTF-8 content.
 */
function topLevelValueSpans(raw: Uint8Array): Map<string, [number, number]> | null {
  const spans = new Map<string, [number, number]>();
  let i = skipSpace(raw, 0);
  if (raw[i] !== 0x7b /* { */) return null;
  i = skipSpace(raw, i + 1);
  if (raw[i] === 0x7d /* } */) return spans;
  for (;;) {
    const keyStart = i;
    i = skipString(raw, i);
    const key = JSON.parse(Buffer.from(raw.subarray(keyStart, i)).toString('utf8')) as string;
    i = skipSpace(raw, i);
    if (raw[i] !== 0x3a /* : */) throw new Error('expected colon');
    i = skipSpace(raw, i + 1);
    const valueStart = i;
    i = skipValue(raw, i);
    spans.set(key, [valueStart, i]);
    i = skipSpace(raw, i);
    if (raw[i] === 0x2c /* , */) {
      i = skipSpace(raw, i + 1);
      continue;
    }
    if (raw[i] === 0x7d) return spans;
    throw new Error('expected comma or brace');
  }
}

function skipSpace(raw: Uint8Array, i: number): number {
  while (i < raw.length && (raw[i] === 0x20 || raw[i] === 0x09 || raw[i] === 0x0a || raw[i] === 0x0d)) i++;
  return i;
}

function skipString(raw: Uint8Array, i: number): number {
  if (raw[i] !== 0x22) throw new Error('expected string');
  i++;
  while (i < raw.length) {
    if (raw[i] === 0x5c) i += 2;
    else if (raw[i] === 0x22) return i + 1;
    else i++;
  }
  throw new Error('unterminated string');
}

function skipValue(raw: Uint8Array, i: number): number {
  const c = raw[i];
  if (c === 0x22) return skipString(raw, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    while (i < raw.length) {
      const b = raw[i];
      if (b === 0x22) {
        i = skipString(raw, i);
        continue;
      }
      if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new Error('unterminated value');
  }
  while (i < raw.length && ![0x2c, 0x7d, 0x5d, 0x20, 0x09, 0x0a, 0x0d].includes(raw[i])) i++;
  return i;
}
