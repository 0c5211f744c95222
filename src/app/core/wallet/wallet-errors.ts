/** EIP-1193 "User Rejected Request". */
const USER_REJECTED = 4001;

export function isUserRejection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === USER_REJECTED || code === 'ACTION_REJECTED') return true;
  return /user (rejected|denied)/i.test(error instanceof Error ? error.message : String(error));
}

/** A sentence a person understands for a wallet failure. */
export function describeWalletError(error: unknown, action: string): string {
  if (isUserRejection(error))
    return `You declined the request in your wallet, so nothing changed (${action}).`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === -32002)
    return 'Your wallet already has a request waiting: open the wallet and answer it first.';
  if (code === 4100) return 'Your wallet has not authorised this site: connect the wallet first.';
  const message =
    error instanceof Error
      ? error.message
      : String((error as { message?: unknown })?.message ?? error);
  return `Your wallet could not ${action}: ${message}`;
}
