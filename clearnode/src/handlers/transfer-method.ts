import type { MethodSpec } from '../rpc/method.ts';
import { orFail, readParams } from '../rpc/method.ts';
import { RpcError } from '../rpc/rpc-error.ts';
import { asParams, readString, readArray, readAmount } from '../rpc/params.ts';
import { TX_TYPES, transactionJson, type TransactionRow } from '../ledger/ledger.ts';
import { accountId, isHexAddress } from '../address.ts';
import { formatAmount } from '../decimal.ts';
import { requestHash as hashOf } from '../rpc/processed-requests.ts';
import { verifyCallerSigner } from './signers.ts';

/** transfer: unified balance to another wallet, by address or user tag. */
export const transferMethod: MethodSpec = {
  access: 'private',
  pushesCallerBalance: true,
  recordsHistory: true,
  handler: (ctx, s) => {
    const params = readParams(ctx, 'failed to parse parameters', (p) => {
      return {
        destination: readString(p, 'destination'),
        destinationTag: readString(p, 'destination_user_tag'),
        allocations: readArray(p, 'allocations').map((item) => {
          const a = asParams(item);
          return { asset: readString(a, 'asset'), amount: readAmount(a, 'amount') };
        }),
      };
    });
    const requestHash = hashOf(ctx.frame.reqBytes);
    if (s.processedTransfers.has(requestHash))
      throw new RpcError('operation denied: the request has already been processed');
    if (params.destination === '' && params.destinationTag === '')
      throw new RpcError('destination or destination_tag must be provided');
    if (params.destination !== '' && !isHexAddress(params.destination))
      throw new RpcError(`invalid destination account: ${params.destination}`);
    if (params.allocations.length === 0) throw new RpcError('allocations cannot be empty');
    const signer = orFail('failed to verify signer', () => verifyCallerSigner(ctx, s));

    let destination = params.destination;
    let toTag = params.destinationTag;
    if (destination === '') {
      const found = s.userTags.walletOf(params.destinationTag);
      if (!found) throw new RpcError(`failed to get wallet by tag: ${params.destinationTag}`);
      destination = found.wallet;
      toTag = found.tag;
    }
    if (toTag === '') toTag = s.userTags.tagOf(destination) ?? '';
    if (destination === ctx.userId) throw new RpcError('cannot transfer to self');
    const from = ctx.userId;
    const fromTag = s.userTags.tagOf(from) ?? '';
    const sessionKey = signer !== from ? signer : null;

    const transactions = orFail('failed to process transfer', () =>
      s.store.transaction(() => {
        const rows: TransactionRow[] = [];
        for (const alloc of params.allocations) {
          if (alloc.amount <= 0n)
            throw new RpcError(
              `invalid allocation: ${formatAmount(alloc.amount)} for asset ${alloc.asset}`,
            );
          if (sessionKey !== null) {
            let key;
            try {
              key = s.sessionKeys.activeKey(sessionKey);
            } catch (error) {
              throw new RpcError(`session key validation failed: ${(error as Error).message}`);
            }
            try {
              s.sessionKeys.checkSpending(key, alloc.asset, alloc.amount);
            } catch (error) {
              throw new RpcError(
                `session key spending validation failed: ${(error as Error).message}`,
              );
            }
          }
          const fromAccount = accountId(from);
          if (alloc.amount > s.ledger.balance(fromAccount, from, alloc.asset))
            throw new RpcError(`insufficient funds: ${from} for asset ${alloc.asset}`);
          s.ledger.record(fromAccount, from, alloc.asset, -alloc.amount, sessionKey);
          const toAccount = accountId(destination);
          s.ledger.record(toAccount, destination, alloc.asset, alloc.amount);
          const tx = s.ledger.recordTransaction(
            TX_TYPES.transfer,
            fromAccount,
            toAccount,
            alloc.asset,
            alloc.amount,
          );
          rows.push({ ...tx, from_tag: fromTag, to_tag: toTag });
        }
        s.processedTransfers.add(requestHash, ctx.frame.timestamp);
        return rows;
      }),
    );
    const response = { transactions: transactions.map(transactionJson) };
    s.notifier.balanceUpdate(from);
    s.notifier.notify(from, 'tr', response);
    if (isHexAddress(destination)) {
      s.notifier.balanceUpdate(destination);
      s.notifier.notify(destination, 'tr', response);
    }
    return { method: 'transfer', params: response };
  },
};
