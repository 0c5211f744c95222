import type { MethodSpec } from '../rpc/method.ts';
import { orFail, readParams } from '../rpc/method.ts';
import { RpcError } from '../rpc/rpc-error.ts';
import { readString, readListOptions, pageOf, orderOf } from '../rpc/params.ts';
import { balanceJson } from '../ledger/ledger.ts';
import { accountId } from '../address.ts';
import { CLEARNODE_APPLICATION, type Allowance } from '../auth/session-keys.ts';
import { parseAmount, formatAmount } from '../decimal.ts';
import { rfc3339Nano } from '../time-format.ts';
import { verifyCallerSigner } from './signers.ts';

const PARSE_FAILED = 'failed to parse parameters';

/** Private methods about the signed-in wallet itself. */
export const accountMethods: Record<string, MethodSpec> = {
  get_user_tag: {
    access: 'private',
    handler: (ctx, s) => {
      const tag = s.userTags.tagOf(ctx.userId);
      if (!tag) throw new RpcError('failed to get user tag');
      return { method: 'get_user_tag', params: { tag } };
    },
  },

  get_ledger_balances: {
    access: 'private',
    handler: (ctx, s) => {
      const account = readParams(ctx, PARSE_FAILED, (params) => readString(params, 'account_id'));
      // Only the caller's own sub-balance, also for an app session account.
      const balances = s.ledger.balances(accountId(account || ctx.userId), ctx.userId);
      return {
        method: 'get_ledger_balances',
        params: { ledger_balances: balances.map(balanceJson) },
      };
    },
  },

  get_rpc_history: {
    access: 'private',
    handler: (ctx, s) => {
      const list = readParams(ctx, PARSE_FAILED, readListOptions);
      // Go hides the query error (an unusable sort) behind this text.
      const entries = orFail('failed to retrieve RPC history', () => {
        const { offset, limit } = pageOf(list);
        return s.history.list(ctx.userId, offset, limit, orderOf(list, 'DESC'));
      });
      return { method: 'get_rpc_history', params: { rpc_entries: entries } };
    },
  },

  get_session_keys: {
    access: 'private',
    handler: (ctx, s) => {
      // Go decodes the list options but uses only limit and offset as given (no default, no cap, no sort).
      const { limit, offset } = readParams(ctx, PARSE_FAILED, readListOptions);
      const keys = s.sessionKeys.listActive(ctx.userId, limit, offset).map((key) => {
        const allowances = JSON.parse(key.allowance) as Allowance[];
        return {
          id: key.id,
          session_key: key.address,
          application: key.application,
          allowances: allowances.map((a) => ({
            asset: a.asset,
            allowance: formatAmount(parseAmount(a.amount) ?? 0n),
            used: formatAmount(s.ledger.spentBy(key.address, a.asset)),
          })),
          ...(key.scope ? { scope: key.scope } : {}),
          expires_at: rfc3339Nano(key.expires_at),
          created_at: rfc3339Nano(key.created_at),
        };
      });
      return { method: 'get_session_keys', params: { session_keys: keys } };
    },
  },

  revoke_session_key: {
    access: 'private',
    handler: (ctx, s) => {
      const target = readParams(ctx, PARSE_FAILED, (params) => readString(params, 'session_key'));
      if (target === '') throw new RpcError('session_key parameter is required');
      const signer = orFail('failed to verify signer', () => verifyCallerSigner(ctx, s));
      const actingKey = signer !== ctx.userId ? signer : null;
      orFail('failed to revoke session key', () =>
        s.store.transaction(() => {
          try {
            s.sessionKeys.activeKeyOfWallet(target, ctx.userId);
          } catch {
            throw new RpcError(
              'operation denied: provided address is not an active session key of this user',
            );
          }
          if (actingKey !== null && actingKey !== target) {
            let acting;
            try {
              acting = s.sessionKeys.activeKey(actingKey);
            } catch {
              throw new RpcError('operation denied: active session key is invalid');
            }
            // Only "clearnode" keys may revoke other keys.
            if (acting.application !== CLEARNODE_APPLICATION)
              throw new RpcError(
                'operation denied: insufficient permissions for the active session key',
              );
          }
          s.sessionKeys.revoke(target);
        }),
      );
      s.sessionKeys.forget(target);
      return { method: 'revoke_session_key', params: { session_key: target } };
    },
  },
};
