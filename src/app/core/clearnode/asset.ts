/** An asset the node supports (`get_assets`), with the decimals its amounts are read at. */
export interface Asset {
  readonly symbol: string;
  readonly decimals: number;
  readonly chainId: number;
  readonly token: string;
}

/** Reads `{assets:[{token, chain_id, symbol, decimals}]}`; skips malformed entries. */
export function assetsFromNode(params: unknown): Asset[] {
  const list = (params as { assets?: unknown } | null)?.assets;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: Record<string, unknown>) =>
    typeof entry?.['symbol'] === 'string' && Number.isInteger(entry['decimals'])
      ? [
          {
            symbol: entry['symbol'],
            decimals: entry['decimals'] as number,
            chainId: Number(entry['chain_id'] ?? 0),
            token: String(entry['token'] ?? ''),
          },
        ]
      : [],
  );
}

/** One entry per symbol (the same asset on several chains), first seen wins. */
export function assetsBySymbol(assets: readonly Asset[]): Map<string, Asset> {
  const bySymbol = new Map<string, Asset>();
  for (const asset of assets) if (!bySymbol.has(asset.symbol)) bySymbol.set(asset.symbol, asset);
  return bySymbol;
}
