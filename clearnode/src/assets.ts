import { readFileSync } from 'node:fs';
import { getAddress, keccak256, toUtf8Bytes } from 'ethers';

export interface Asset {
  symbol: string;
  chain_id: number;
  token: string;
  decimals: number;
}

export interface Network {
  chain_id: number;
  name: string;
  custody_address: string;
  adjudicator_address: string;
}

export const LOCAL_CHAIN_ID = 31337;

/** A stable, obviously fake address derived from a label (no contract lives there). */
export function placeholderAddress(label: string): string {
  return getAddress('0x' + keccak256(toUtf8Bytes(`clearnode-local:${label}`)).slice(-40));
}

export function defaultAssets(): Asset[] {
  return [
    {
      symbol: 'usdc',
      chain_id: LOCAL_CHAIN_ID,
      token: placeholderAddress('token:usdc'),
      decimals: 6,
    },
    {
      symbol: 'eth',
      chain_id: LOCAL_CHAIN_ID,
      token: placeholderAddress('token:eth'),
      decimals: 18,
    },
  ];
}

/** Reads an asset list file: a JSON array of {symbol, chain_id, token, decimals}. */
export function loadAssets(path: string): Asset[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new Error(`${path}: expected a non-empty JSON array of assets`);
  return parsed.map((item, i) => {
    const a = item as Partial<Asset>;
    if (typeof a.symbol !== 'string' || !a.symbol)
      throw new Error(`${path}[${i}]: symbol must be a non-empty string`);
    if (typeof a.chain_id !== 'number' || !Number.isInteger(a.chain_id) || a.chain_id <= 0)
      throw new Error(`${path}[${i}]: chain_id must be a positive integer`);
    if (
      typeof a.decimals !== 'number' ||
      !Number.isInteger(a.decimals) ||
      a.decimals < 0 ||
      a.decimals > 18
    )
      throw new Error(`${path}[${i}]: decimals must be 0..18`);
    const token =
      typeof a.token === 'string'
        ? getAddress(a.token)
        : placeholderAddress(`token:${a.symbol}:${a.chain_id}`);
    return { symbol: a.symbol, chain_id: a.chain_id, token, decimals: a.decimals };
  });
}

/** One network per chain id used by the assets; custody and adjudicator are placeholders (no chain here). */
export function networksOf(assets: Asset[]): Network[] {
  const chainIds = [...new Set(assets.map((a) => a.chain_id))];
  return chainIds.map((chainId) => ({
    chain_id: chainId,
    name: chainId === LOCAL_CHAIN_ID ? 'localnet' : `chain-${chainId}`,
    custody_address: placeholderAddress(`custody:${chainId}`),
    adjudicator_address: placeholderAddress(`adjudicator:${chainId}`),
  }));
}
