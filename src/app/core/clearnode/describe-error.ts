import { inPlainWords } from './node-error-words';
import { ClearNodeRpcError } from './rpc-frame';

/** The message of anything thrown, for sentences shown to people (a node's refusal in plain words). */
export function describeError(error: unknown): string {
  if (error instanceof ClearNodeRpcError) return inPlainWords(error.nodeMessage);
  if (error instanceof Error) return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message;
  }
  return String(error);
}
