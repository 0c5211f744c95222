import { RpcRequest } from './rpc-frame';

/** Signs requests with the session key registered at sign-in (raw keccak256 digest, no prefix). */
export abstract class SessionKeySigner {
  abstract signRequest(req: RpcRequest): Promise<string>;
}
