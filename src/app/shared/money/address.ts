import { isAddressWithValidChecksum, toChecksumAddress } from '../crypto/eip55';

export type AddressParse =
  { readonly ok: true; readonly address: string } | { readonly ok: false; readonly error: string };

/**
 * Reads an Ethereum address and returns its EIP-55 checksummed form, the only form the app sends
 * or compares (the ClearNode compares addresses as strings). A mixed-case address with a wrong
 * checksum is refused: it is most likely a typo.
 */
export function parseAddress(text: string): AddressParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Enter an address.' };
  if (!/^0x[0-9a-fA-F]{40}$/.test(trimmed)) {
    return { ok: false, error: 'An address is 0x followed by 40 hexadecimal characters.' };
  }
  if (!isAddressWithValidChecksum(trimmed)) {
    return { ok: false, error: 'The checksum of this address does not match: check for a typo.' };
  }
  return { ok: true, address: toChecksumAddress(trimmed) };
}

/** Checksums an address known to be well formed (from the wallet or the node). */
export function checksumAddress(address: string): string {
  return toChecksumAddress(address);
}

export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** 0x1234…abcd, for compact display. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
