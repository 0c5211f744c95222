/**
 * Which ClearNode protocol a node speaks. The app speaks v0.5 only (SDK 0.5.3); Yellow's current
 * network speaks v1, whose frames and method names differ, so talking v0.5 to it can only fail.
 * All guessing about a node's protocol lives here, beside the one client that talks to nodes.
 */
export const APP_PROTOCOL = 'v0.5';

/** Where this app works, said whenever a node turns out to speak another protocol. */
export const WORKING_NODES =
  'It works with the local node, a self-hosted ClearNode v0.5.x, and Yellow’s legacy v0.5 endpoints while they last.';

/** The sentence shown for a node that speaks protocol v1. */
export function v1NodeMessage(url: string): string {
  return `This app speaks ClearNode protocol ${APP_PROTOCOL}; the node at ${url} speaks protocol v1, so they cannot talk. ${WORKING_NODES}`;
}

/**
 * A node that accepts the socket but never answers `get_config`. A v1 node at an address without
 * `/v1/` may stay silent to v0.5 frames, so it is named among the likely causes.
 */
export function silentNodeMessage(url: string, timeoutMs: number): string {
  return `The server at ${url} accepted the connection but did not answer within ${Math.round(timeoutMs / 1000)} s. It may be busy, or it may not speak ClearNode protocol ${APP_PROTOCOL} (a protocol v1 node does not answer this app). ${WORKING_NODES}`;
}

/** Yellow's v1 endpoints carry the version in their path (`…/v1/ws`): known before connecting. */
export function isV1Address(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  return path.split('/').some((segment) => /^v1(\.\d+)*$/i.test(segment));
}

/** v1 names its methods `{group}.v{n}.{action}` (`node.v1.get_config`); v0.5 uses bare names. */
const V1_METHOD = /^[a-z_]+\.v\d+\.[a-z_]+$/i;

/**
 * A frame only a v1 node sends: a bare JSON array `[type 1–4, requestId, method, payload, ts]`
 * (v0.5 wraps its arrays in `{res|req, sig}`), or any frame naming a v1-style method.
 */
export function isV1Frame(raw: string): boolean {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return false;
  }
  if (Array.isArray(data)) {
    const [type, id, method] = data as unknown[];
    return (
      data.length >= 4 &&
      typeof type === 'number' &&
      type >= 1 &&
      type <= 4 &&
      typeof id === 'number' &&
      typeof method === 'string'
    );
  }
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  for (const key of ['res', 'req']) {
    const array = record[key];
    if (Array.isArray(array) && typeof array[1] === 'string' && V1_METHOD.test(array[1]))
      return true;
  }
  return typeof record['method'] === 'string' && V1_METHOD.test(record['method']);
}
