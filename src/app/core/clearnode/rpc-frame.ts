/**
 * The NitroRPC v0.5 wire format: `{"req":[id, method, params, ts], "sig":[…]}` out,
 * `{"res":[id, method, result, ts], "sig":[broker]}` back; id 0 frames are pushes.
 */

export type RpcRequest = readonly [
  id: number,
  method: string,
  params: Record<string, unknown>,
  timestamp: number,
];

/** A response matched to a request by its id. */
export interface RpcResult {
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
  readonly timestamp: number;
}

/** A notification from the node (id 0): assets, channels, bu, asu, tr, cu. */
export interface RpcPush {
  readonly method: string;
  // The node decides each push's shape; consumers narrow it by `method`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly params: any;
  readonly raw: string;
}

/** A signed frame another participant sent into an app session, relayed by the node unchanged. */
export interface RelayedMessage {
  readonly sid: string;
  readonly req: RpcRequest;
  readonly sig: string[];
  readonly raw: string;
}

/** The node answered a request with `error`. `nodeMessage` is the node's own text. */
export class ClearNodeRpcError extends Error {
  override readonly name = 'ClearNodeRpcError';
  constructor(
    readonly method: string,
    readonly nodeMessage: string,
  ) {
    super(`The ClearNode refused ${method}: ${nodeMessage}`);
  }
}

/** No answer arrived in time. */
export class ClearNodeTimeoutError extends Error {
  override readonly name = 'ClearNodeTimeoutError';
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`The ClearNode did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`);
  }
}

/** The socket is closed or closed before the answer arrived. */
export class ClearNodeConnectionError extends Error {
  override readonly name = 'ClearNodeConnectionError';
  /**
   * @param requestSent false when the request never left this tab (there was no open socket), so
   *   the node certainly did not apply it; true when the connection dropped while it was pending.
   */
  constructor(
    message = 'Not connected to the ClearNode.',
    readonly requestSent = true,
  ) {
    super(message);
  }
}

/** A frame was not signed by the node's broker: the node is not trusted. */
export class BrokerSignatureError extends Error {
  override readonly name = 'BrokerSignatureError';
}

/** The frame as it arrives, with the exact text of its `res`/`req` array kept for signature checks. */
export type IncomingFrame =
  | {
      readonly kind: 'response';
      readonly id: number;
      readonly method: string;
      readonly params: unknown;
      readonly timestamp: number;
      readonly sig: string[];
      /** The `res` array exactly as received: the bytes the broker signed. */
      readonly signedText: string;
      readonly raw: string;
    }
  | { readonly kind: 'relayed'; readonly message: RelayedMessage }
  | { readonly kind: 'invalid'; readonly raw: string; readonly reason: string };

export function parseIncomingFrame(raw: string): IncomingFrame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', raw, reason: 'not JSON' };
  }
  if (!isRecord(data)) return { kind: 'invalid', raw, reason: 'not an object' };
  const sig = Array.isArray(data['sig'])
    ? data['sig'].filter((s): s is string => typeof s === 'string')
    : [];
  if (typeof data['sid'] === 'string' && Array.isArray(data['req'])) {
    const req = data['req'] as unknown[];
    if (!isRpcArray(req)) return { kind: 'invalid', raw, reason: 'malformed req' };
    return {
      kind: 'relayed',
      message: { sid: data['sid'], req: req as unknown as RpcRequest, sig, raw },
    };
  }
  const res = data['res'];
  if (!Array.isArray(res) || !isRpcArray(res))
    return { kind: 'invalid', raw, reason: 'no res array' };
  const signedText = rawArrayOf(raw, 'res');
  if (signedText === null) return { kind: 'invalid', raw, reason: 'no res array' };
  return {
    kind: 'response',
    id: res[0] as number,
    method: res[1] as string,
    params: res[2],
    timestamp: res[3] as number,
    sig,
    signedText,
    raw,
  };
}

/** Text of a node `error` result. */
export function errorTextOf(params: unknown): string {
  if (isRecord(params) && typeof params['error'] === 'string') return params['error'];
  return typeof params === 'string' ? params : 'unknown error';
}

/**
 * Finds the array under `"key":` at the top level of `raw` and returns its exact text. The broker
 * signs these bytes; re-serialising could differ (escaping, number formatting), so they are cut
 * out of the frame as received.
 */
export function rawArrayOf(raw: string, key: string): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      if (depth === 1 && raw.startsWith(`"${key}"`, i)) {
        let j = i + key.length + 2;
        while (/\s/.test(raw[j] ?? '')) j++;
        if (raw[j] !== ':') {
          inString = true;
          continue;
        }
        j++;
        while (/\s/.test(raw[j] ?? '')) j++;
        if (raw[j] !== '[') return null;
        const end = endOfValue(raw, j);
        return end === -1 ? null : raw.slice(j, end);
      }
      inString = true;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return null;
}

/** Index just after the bracketed value starting at `start`, or -1. */
function endOfValue(raw: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function isRpcArray(value: unknown[]): boolean {
  return value.length >= 3 && typeof value[0] === 'number' && typeof value[1] === 'string';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
