import { LOCAL_NODE_URL, parseNodeUrl } from './node-options';

export const NODE_PREFERENCE_KEY = 'node-url';

/** A `?node=` value the app would not use, and why (shown, never silently dropped). */
export interface RefusedNodeAddress {
  readonly address: string;
  readonly reason: string;
}

export interface NodeChoice {
  readonly url: string;
  readonly fromQuery: boolean;
  readonly refused: RefusedNodeAddress | null;
}

/** `?node=` wins (and is remembered), then the remembered choice, then the local node. */
export function chooseNodeUrl(search: string, remembered: string | null): NodeChoice {
  const fromQuery = new URLSearchParams(search).get('node');
  let refused: RefusedNodeAddress | null = null;
  if (fromQuery) {
    const parsed = parseNodeUrl(fromQuery);
    if (parsed.ok) return { url: parsed.url, fromQuery: true, refused: null };
    refused = { address: fromQuery, reason: parsed.error };
  }
  if (remembered && parseNodeUrl(remembered).ok)
    return { url: remembered, fromQuery: false, refused };
  return { url: LOCAL_NODE_URL, fromQuery: false, refused };
}
