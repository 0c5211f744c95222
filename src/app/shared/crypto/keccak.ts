import { keccak_256 } from '@noble/hashes/sha3';
import { bytesToHex } from '@noble/hashes/utils';

/** keccak256 of bytes, as 0x-prefixed lowercase hex. */
export function keccak256Hex(bytes: Uint8Array): string {
  return '0x' + bytesToHex(keccak_256(bytes));
}

/** keccak256 of a text's UTF-8 bytes (what the node and the SDK hash for JSON and ids). */
export function keccak256OfText(text: string): string {
  return keccak256Hex(new TextEncoder().encode(text));
}
