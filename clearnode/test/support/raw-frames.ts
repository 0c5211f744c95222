import { keccak256, toUtf8Bytes, SigningKey } from 'ethers';
import type { Wallet } from './client.ts';

/** A frame whose `req` is exactly `req` (any JSON text, duplicate keys included), signed by `key`. */
export function signedRawFrame(req: string, key: Wallet): string {
  const signature = new SigningKey(key.privateKey).sign(keccak256(toUtf8Bytes(req))).serialized;
  return `{"req":${req},"sig":["${signature}"]}`;
}
