import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex } from '@noble/hashes/utils';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * The EIP-55 form of a 0x-address of any case: a letter is upper case where the matching nibble
 * of keccak256(lowercase hex) is 8 or more. Throws for anything that is not 0x + 40 hex digits.
 */
export function toChecksumAddress(address: string): string {
  if (!ADDRESS.test(address)) throw new Error(`Not an address: ${address}`);
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(new TextEncoder().encode(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++)
    out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i];
  return out;
}

/**
 * Whether a text is an address whose case can be trusted: all lower or all upper case carry no
 * checksum; mixed case must be the EIP-55 form exactly.
 */
export function isAddressWithValidChecksum(text: string): boolean {
  if (!ADDRESS.test(text)) return false;
  const digits = text.slice(2);
  if (digits === digits.toLowerCase() || digits === digits.toUpperCase()) return true;
  return toChecksumAddress(text) === text;
}
