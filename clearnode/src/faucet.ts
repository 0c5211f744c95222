import type { NodeServices } from './services.ts';
import type { Asset } from './assets.ts';
import { TX_TYPES, transactionJson } from './ledger/ledger.ts';
import { hexToAddress, isHexAddress, accountId } from './address.ts';
import { formatAmount } from './decimal.ts';

/**
 * The system account every faucet credit comes from. It is an address no one holds a key for, so the
 * SDK's parsers accept it as a ledger account; its balance is minus everything issued, which keeps
 * Σ(all accounts) = 0 for each asset.
 */
export const FAUCET_ACCOUNT = hexToAddress('0x00000000000000000000000000000000000fa0ce');

export interface FaucetGrant {
  wallet: string;
  asset: string;
  amount: string;
}

/** Credits `amount` of `asset` to the wallet's unified balance as a double-entry deposit, then pushes `bu` and `tr`. */
export function grantFromFaucet(
  s: NodeServices,
  userAddress: string,
  asset: Asset,
  amount: bigint,
): FaucetGrant {
  const wallet = hexToAddress(userAddress);
  const tx = s.store.transaction(() => {
    s.ledger.record(FAUCET_ACCOUNT, FAUCET_ACCOUNT, asset.symbol, -amount);
    s.ledger.record(accountId(wallet), wallet, asset.symbol, amount);
    return s.ledger.recordTransaction(
      TX_TYPES.deposit,
      FAUCET_ACCOUNT,
      accountId(wallet),
      asset.symbol,
      amount,
    );
  });
  s.notifier.balanceUpdate(wallet);
  s.notifier.notify(wallet, 'tr', {
    transactions: [transactionJson({ ...tx, to_tag: s.userTags.tagOf(wallet) })],
  });
  return { wallet, asset: asset.symbol, amount: formatAmount(amount) };
}

export type FaucetRequestResult = { status: number; body: Record<string, unknown> };

/** Validates the HTTP body `{"userAddress":"0x…"}` and grants the configured amount. */
export function handleFaucetRequest(
  s: NodeServices,
  body: string,
  asset: Asset,
  amount: bigint,
): FaucetRequestResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, body: { success: false, message: 'invalid JSON body' } };
  }
  const userAddress = (parsed as { userAddress?: unknown } | null)?.userAddress;
  if (userAddress === undefined || userAddress === null || userAddress === '') {
    return { status: 400, body: { success: false, message: 'userAddress is required' } };
  }
  if (
    typeof userAddress !== 'string' ||
    !/^0x[0-9a-fA-F]{40}$/.test(userAddress) ||
    !isHexAddress(userAddress)
  ) {
    return {
      status: 400,
      body: { success: false, message: 'userAddress must be a 0x-prefixed 20-byte hex address' },
    };
  }
  const grant = grantFromFaucet(s, userAddress, asset, amount);
  return {
    status: 200,
    body: {
      success: true,
      message: `Sent ${grant.amount} ${grant.asset} to ${grant.wallet}`,
      amount: grant.amount,
      asset: grant.asset,
      userAddress: grant.wallet,
    },
  };
}
