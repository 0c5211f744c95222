import { keccak256OfText } from '../../shared/crypto/keccak';
import type { RpcRequest } from '../clearnode/rpc-frame';

/** What a session key signs: keccak256 of the request's JSON text, bigints written as strings. */
export function rpcDigest(req: RpcRequest): string {
  const text = JSON.stringify(req, (_, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return keccak256OfText(text);
}
