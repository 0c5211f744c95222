/**
 * The ClearNodes a person can pick; the local one is the default. Labels name the protocol: the
 * app speaks v0.5, and Yellow's `clearnet` hosts are its legacy v0.5 endpoints (its current network
 * speaks v1, which the app cannot use).
 */
export interface NodeOption {
  readonly id: 'local' | 'sandbox' | 'production';
  readonly label: string;
  readonly url: string;
  readonly protocol: 'v0.5';
}

export const LOCAL_NODE_URL = 'ws://127.0.0.1:8000/ws';

export const NODE_OPTIONS: readonly NodeOption[] = [
  { id: 'local', label: 'Local (v0.5)', url: LOCAL_NODE_URL, protocol: 'v0.5' },
  {
    id: 'sandbox',
    label: 'Yellow v0.5 sandbox (legacy)',
    url: 'wss://clearnet-sandbox.yellow.com/ws',
    protocol: 'v0.5',
  },
  {
    id: 'production',
    label: 'Yellow v0.5 production (legacy)',
    url: 'wss://clearnet.yellow.com/ws',
    protocol: 'v0.5',
  },
];

export type NodeUrlParse =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string };

/** Accepts ws:// and wss:// URLs with a host; returns the URL as typed, trimmed. */
export function parseNodeUrl(text: string): NodeUrlParse {
  const trimmed = text.trim();
  if (trimmed === '')
    return { ok: false, error: 'Enter a ClearNode address, e.g. ws://127.0.0.1:8000/ws.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: `"${trimmed}" is not a URL.` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { ok: false, error: 'A ClearNode address starts with ws:// or wss://.' };
  }
  if (!url.hostname) return { ok: false, error: 'The address has no host.' };
  return { ok: true, url: trimmed };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** A node on this machine: the only kind for which the app offers a throwaway test wallet. */
export function isLocalNode(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Where to ask for test tokens: the local node serves the sandbox's faucet shape on its own
 * HTTP port; the sandbox has one; production has none.
 */
export function faucetUrlFor(nodeUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(nodeUrl);
  } catch {
    return null;
  }
  if (url.hostname === 'clearnet-sandbox.yellow.com')
    return 'https://clearnet-sandbox.yellow.com/faucet/requestTokens';
  if (isLocalNode(nodeUrl)) {
    const scheme = url.protocol === 'wss:' ? 'https:' : 'http:';
    return `${scheme}//${url.host}/faucet/requestTokens`;
  }
  return null;
}
