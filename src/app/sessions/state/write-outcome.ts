import { ClearNodeConnectionError, ClearNodeRpcError, ClearNodeTimeoutError } from '../../core';

/**
 * The request may have reached the node but its answer was lost: the socket dropped (every pending
 * request fails with a connection error) or no answer came in time. A node `error` answer is not
 * this: the node said no, so nothing was applied.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return (
    (error instanceof ClearNodeConnectionError && error.requestSent) ||
    error instanceof ClearNodeTimeoutError
  );
}

/** Still connected (a timeout): the node can be asked at once. */
export function isStillConnected(error: unknown): boolean {
  return error instanceof ClearNodeTimeoutError;
}

/**
 * The node refuses a second session with an id it has (the id is the hash of the definition, nonce
 * included), answering this. For a create sent again after its outcome was unknown it means the
 * first one landed after all: look it up instead of reporting a failure.
 */
export function isDuplicateCreate(error: unknown): boolean {
  return (
    error instanceof ClearNodeRpcError &&
    error.nodeMessage === 'failed to create application session'
  );
}

export const CREATE_NOT_FOUND =
  'The connection dropped before the ClearNode answered, and it has no such session: nothing was opened or debited. ' +
  'Sending it again sends the same session (same definition and nonce), so it can never be opened twice.';
export const SUBMIT_NOT_APPLIED =
  'The connection dropped before the ClearNode answered, and the session is still at its earlier version: the update was not applied. Submit it again.';
export const CLOSE_NOT_APPLIED =
  'The connection dropped before the ClearNode answered, and the session is still open: it was not closed. Close it again.';
export const SESSION_NOT_LISTED =
  'The connection dropped before the ClearNode answered, and the node no longer lists this session.';
