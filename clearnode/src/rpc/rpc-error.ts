/** An error whose message is sent to the client verbatim (Go's RPCError). */
export class RpcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Go's c.Fail(err, fallback): only RpcError texts reach the client, anything else becomes the fallback. */
export function clientMessage(error: unknown, fallback: string): string {
  if (error instanceof RpcError) return error.message;
  return fallback || 'an error occurred while processing the request';
}

/** Raised by parameter readers; always answered with the handler's "failed to parse ..." fallback. */
export class ParamsError extends Error {}
