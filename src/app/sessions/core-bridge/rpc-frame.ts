export type { RpcRequest, RpcResult, RpcPush, RelayedMessage } from '../../core';
export { ClearNodeRpcError, ClearNodeConnectionError, ClearNodeTimeoutError } from '../../core';
