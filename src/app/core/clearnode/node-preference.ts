import { LOCAL_NODE_URL, parseNodeUrl } from './node-options';

export const NODE_PREFERENCE_KEY = 'node-url';

/** `?node=` wins (and is remembered), then the remembered choice, then the local node. */
export function chooseNodeUrl(
  search: string,
  remembered: string | null,
): { url: string; fromQuery: boolean } {
  const fromQuery = new URLSearchParams(search).get('node');
  if (fromQuery) {
    const parsed = parseNodeUrl(fromQuery);
    if (parsed.ok) return { url: parsed.url, fromQuery: true };
  }
  if (remembered && parseNodeUrl(remembered).ok) return { url: remembered, fromQuery: false };
  return { url: LOCAL_NODE_URL, fromQuery: false };
}
