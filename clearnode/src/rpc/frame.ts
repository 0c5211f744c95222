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

export type FrameResult =
  { ok: true; frame: RequestFrame } | { ok: false; id: number; error: string };

const INVALID_FORMAT = 'invalid message format';
const VALIDATION_FAILED = 'message validation failed';
const REQUEST_EMPTY = 'message request is empty';
/** Go's encoding/json refuses input nested deeper than this (the frame's own object included). */
const MAX_NESTING_DEPTH = 10_000;

/** One decoded `req` or `res` array, as far as decoding got. */
interface RpcData {
  id: number;
  method: string;
  params: unknown;
  timestamp: number;
}

/**
 * Decodes a frame the way Go's encoding/json fills {req, res, sid, sig}: keys match case-insensitively
 * and are taken in the order they appear; an error inside `req`, `res` or a signature stops decoding
 * there (the request id decoded so far is kept), while a wrong JSON type for `sig` or `sid` is only
 * reported at the end. Then Go's validator: exactly one of req/res, and every req field non-zero.
 */
export function parseRequestFrame(raw: Uint8Array): FrameResult {
  let spans: Map<string, [number, number]> | null;
  let message: unknown;
  try {
    message = JSON.parse(utf8(raw));
    spans = topLevelValueSpans(raw);
  } catch {
    return { ok: false, id: 0, error: INVALID_FORMAT };
  }
  if (message === null) return { ok: false, id: 0, error: VALIDATION_FAILED };
  if (typeof message !== 'object' || Array.isArray(message) || !spans)
    return { ok: false, id: 0, error: INVALID_FORMAT };

  // Go starts from an empty req, so a frame without one still fails validation (not "request is empty").
  let req: RpcData | null = { id: 0, method: '', params: null, timestamp: 0 };
  let reqSpan: [number, number] | undefined;
  let res: RpcData | null = null;
  const signatures: string[] = [];
  let sid = '';
  let typeError = false;
  const invalid = () => ({ ok: false as const, id: req?.id ?? 0, error: INVALID_FORMAT });

  for (const [key, span] of spans) {
    const value: unknown = JSON.parse(utf8(raw.subarray(span[0], span[1])));
    switch (key.toLowerCase()) {
      case 'req':
      case 'res': {
        let data: RpcData | null = null;
        if (value !== null) {
          data = { id: 0, method: '', params: null, timestamp: 0 };
          if (key.toLowerCase() === 'req') req = data;
          if (!decodeRpcData(value, data)) return invalid();
        }
        if (key.toLowerCase() === 'req') {
          req = data;
          reqSpan = span;
        } else {
          res = data;
        }
        break;
      }
      case 'sig':
        signatures.length = 0;
        if (value === null) break;
        if (!Array.isArray(value)) {
          typeError = true;
          break;
        }
        for (const sig of value) {
          if (typeof sig !== 'string' || !/^0[xX]([0-9a-fA-F]{2})*$/.test(sig)) return invalid();
          signatures.push(sig);
        }
        break;
      case 'sid':
        if (value === null) sid = '';
        else if (typeof value === 'string') sid = value;
        else typeError = true;
        break;
    }
  }
  if (typeError) return invalid();

  const complete = (data: RpcData) =>
    data.id !== 0 && data.method !== '' && data.params !== null && data.timestamp !== 0;
  if ((req === null) === (res === null)) return { ok: false, id: 0, error: VALIDATION_FAILED };
  if (req !== null && !complete(req)) return { ok: false, id: 0, error: VALIDATION_FAILED };
  if (res !== null && !complete(res)) return { ok: false, id: 0, error: VALIDATION_FAILED };
  if (req === null || !reqSpan) return { ok: false, id: 0, error: REQUEST_EMPTY };
  return {
    ok: true,
    frame: {
      id: req.id,
      method: req.method,
      params: req.params,
      timestamp: req.timestamp,
      reqBytes: raw.subarray(reqSpan[0], reqSpan[1]),
      signatures,
      sid,
      raw,
    },
  };
}

/** Go's RPCData.UnmarshalJSON: a 4-element array, decoded element by element until one fails. */
function decodeRpcData(value: unknown, into: RpcData): boolean {
  if (!Array.isArray(value) || value.length !== 4) return false;
  const [id, method, params, timestamp] = value as unknown[];
  if (id !== null) {
    if (!isUint(id)) return false;
    into.id = id;
  }
  if (method !== null) {
    if (typeof method !== 'string') return false;
    into.method = method;
  }
  into.params = params;
  if (timestamp !== null) {
    if (!isUint(timestamp)) return false;
    into.timestamp = timestamp;
  }
  return true;
}

function isUint(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * Byte spans of the values of a top-level JSON object's keys (last occurrence wins, as in Go); throws
 * for nesting beyond Go's limit.
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
  while (
    i < raw.length &&
    (raw[i] === 0x20 || raw[i] === 0x09 || raw[i] === 0x0a || raw[i] === 0x0d)
  )
    i++;
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
    // Depth 1 is the frame object this value sits in.
    let depth = 1;
    while (i < raw.length) {
      const b = raw[i];
      if (b === 0x22) {
        i = skipString(raw, i);
        continue;
      }
      if (b === 0x7b || b === 0x5b) {
        if (++depth > MAX_NESTING_DEPTH) throw new Error('exceeded max depth');
      } else if (b === 0x7d || b === 0x5d) {
        depth--;
        if (depth === 1) return i + 1;
      }
      i++;
    }
    throw new Error('unterminated value');
  }
  while (i < raw.length && ![0x2c, 0x7d, 0x5d, 0x20, 0x09, 0x0a, 0x0d].includes(raw[i])) i++;
  return i;
}
