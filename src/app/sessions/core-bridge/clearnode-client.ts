import { Observable } from 'rxjs';
import { RelayedMessage, RpcPush, RpcRequest, RpcResult } from './rpc-frame';

/** The one ClearNode connection (request/response correlation, pushes, relayed messages). */
export abstract class ClearNodeClient {
  abstract buildRequest(method: string, params: Record<string, unknown>): RpcRequest;
  abstract request<T>(method: string, params: Record<string, unknown>, options?: { signed?: boolean }): Promise<T>;
  abstract send(req: RpcRequest, signatures: readonly string[], options?: { sid?: string }): Promise<RpcResult>;
  abstract readonly pushes$: Observable<RpcPush>;
  abstract readonly relayedMessages$: Observable<RelayedMessage>;
}
