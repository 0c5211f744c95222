import { getAddress } from 'ethers';

/** Go's common.IsHexAddress: 40 hex digits with an optional 0x prefix. */
export function isHexAddress(value: string): boolean {
  return /^(0x|0X)?[0-9a-fA-F]{40}$/.test(value);
}

/**
 * Go's common.HexToAddress(...).Hex(): lenient, takes the last 20 bytes of whatever hex decodes,
 * and always yields an EIP-55 checksummed address.
 */
export function hexToAddress(value: string): string {
  let address = checksummed.get(value);
  if (address === undefined) {
    address = computeHexToAddress(value);
    // Bounded: a flood of distinct strings only costs a refill.
    if (checksummed.size >= CHECKSUM_CACHE_SIZE) checksummed.clear();
    checksummed.set(value, address);
  }
  return address;
}

/** The checksum costs a keccak per call, and the same few wallets come back on every request. */
const checksummed = new Map<string, string>();
const CHECKSUM_CACHE_SIZE = 8192;

function computeHexToAddress(value: string): string {
  let hex = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value;
  if (hex.length % 2 === 1) hex = '0' + hex;
  let decoded = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const pair = hex.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
    decoded += pair;
  }
  const last20 = decoded.slice(-40).padStart(40, '0');
  return getAddress('0x' + last20.toLowerCase());
}

/** Go's NewAccountID: wallet-shaped ids are checksummed, anything else (app session ids) is kept. */
export function accountId(value: string): string {
  return isHexAddress(value) ? hexToAddress(value) : value;
}
