export type { RpcRequest, RpcResult, RpcPush, RelayedMessage } from '../../core';
export { ClearNodeRpcError } from '../../core';
