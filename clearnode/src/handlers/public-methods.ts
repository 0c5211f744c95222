import type { MethodSpec } from '../rpc/method.ts';
import { orFail, readParams } from '../rpc/method.ts';
import { RpcError } from '../rpc/rpc-error.ts';
import {
  readString,
  readOptionalUint32,
  readListOptions,
  pageOf,
  orderOf,
  type ListOptions,
} from '../rpc/params.ts';
import { appSessionJson } from '../app-sessions/app-session-store.ts';
import {
  TX_TYPES,
  entryJson,
  transactionJson,
  type EntryRow,
  type TransactionRow,
} from '../ledger/ledger.ts';
import { accountId, hexToAddress } from '../address.ts';

const PARSE_FAILED = 'failed to parse parameters';

/** Methods anyone may call without signing in. */
export const publicMethods: Record<string, MethodSpec> = {
  ping: { access: 'public', handler: () => ({ method: 'pong', params: null }) },

  get_config: {
    access: 'public',
    handler: (_ctx, s) => ({
      method: 'get_config',
      params: { broker_address: s.signer.address, networks: s.networks },
    }),
  },

  get_assets: {
    access: 'public',
    handler: (ctx, s) => {
      const chainId = readParams(ctx, PARSE_FAILED, (params) =>
        readOptionalUint32(params, 'chain_id'),
      );
      const assets = s.assets.filter((a) => chainId === undefined || a.chain_id === chainId);
      return { method: 'get_assets', params: { assets: assets.map(assetJson) } };
    },
  },

  get_channels: {
    access: 'public',
    handler: (ctx) => {
      const list = readParams(ctx, PARSE_FAILED, (params) => {
        readString(params, 'participant');
        readString(params, 'status');
        return readListOptions(params);
      });
      orFail('failed to get channels', () => orderOf(list, 'DESC'));
      // No chain is attached to this node, so there are never channels.
      return { method: 'get_channels', params: { channels: [] } };
    },
  },

  get_app_definition: {
    access: 'public',
    handler: (ctx, s) => {
      const id = readParams(ctx, PARSE_FAILED, (params) => readString(params, 'app_session_id'));
      if (id === '') throw new RpcError('missing account ID');
      const session = s.appSessionStore.find(id);
      if (!session) throw new RpcError('failed to get application session');
      // Go leaves application empty here.
      return {
        method: 'get_app_definition',
        params: {
          application: '',
          protocol: session.protocol,
          participants: session.participants,
          weights: session.weights,
          quorum: session.quorum,
          challenge: session.challenge,
          nonce: session.nonce,
        },
      };
    },
  },

  get_app_sessions: {
    access: 'public',
    handler: (ctx, s) => {
      const { participant, status, list } = readParams(ctx, PARSE_FAILED, (params) => {
        return {
          participant: readString(params, 'participant'),
          status: readString(params, 'status'),
          list: readListOptions(params),
        };
      });
      const sessions = orFail('failed to get application sessions', () => {
        const { offset, limit } = pageOf(list);
        return s.appSessionStore.list(participant, status, offset, limit, orderOf(list, 'DESC'));
      });
      return {
        method: 'get_app_sessions',
        params: { app_sessions: sessions.map((session) => appSessionJson(session)) },
      };
    },
  },

  get_ledger_entries: {
    access: 'public',
    handler: (ctx, s) => {
      const { account, asset, wallet, list } = readParams(ctx, PARSE_FAILED, (params) => {
        return {
          account: readString(params, 'account_id'),
          asset: readString(params, 'asset'),
          wallet: readString(params, 'wallet'),
          list: readListOptions(params),
        };
      });
      const rows = orFail('failed to get ledger entries', () => {
        const where: string[] = [];
        const args: (string | number)[] = [];
        if (account) {
          where.push('account_id = ?');
          args.push(accountId(account));
        }
        // Go filters by the caller's wallet (or the given one); the zero address means no filter.
        const walletFilter = hexToAddress(wallet || ctx.userId || '');
        if (walletFilter !== hexToAddress('')) {
          where.push('wallet = ?');
          args.push(walletFilter);
        }
        if (asset) {
          where.push('asset = ?');
          args.push(asset);
        }
        const order = orderOf(list, 'DESC');
        const { offset, limit } = pageOf(list);
        const sql = `SELECT * FROM ledger_entries ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at ${order}, id ${order} LIMIT ? OFFSET ?`;
        return s.store.statement(sql).all(...args, limit, offset) as unknown as EntryRow[];
      });
      return { method: 'get_ledger_entries', params: { ledger_entries: rows.map(entryJson) } };
    },
  },

  get_ledger_transactions: {
    access: 'public',
    handler: (ctx, s) => {
      const { account, asset, txType, list } = readParams(ctx, PARSE_FAILED, (params) => {
        return {
          account: readString(params, 'account_id'),
          asset: readString(params, 'asset'),
          txType: readString(params, 'tx_type'),
          list: readListOptions(params),
        };
      });
      let typeCode: number | undefined;
      if (txType !== '') {
        if (!(txType in TX_TYPES)) throw new RpcError('invalid ledger transaction type');
        typeCode = TX_TYPES[txType as keyof typeof TX_TYPES];
      }
      const rows = orFail('failed to get transactions', () => {
        return queryTransactions(
          s.store.db,
          { account: account ? accountId(account) : '', asset, typeCode },
          list,
        );
      });
      return {
        method: 'get_ledger_transactions',
        params: { ledger_transactions: rows.map(transactionJson) },
      };
    },
  },
};

function assetJson(asset: { token: string; chain_id: number; symbol: string; decimals: number }) {
  return {
    token: asset.token,
    chain_id: asset.chain_id,
    symbol: asset.symbol,
    decimals: asset.decimals,
  };
}

export function assetsPayload(
  assets: { token: string; chain_id: number; symbol: string; decimals: number }[],
) {
  return { assets: assets.map(assetJson) };
}

/** Ledger transactions with the user tags of both sides, as Go joins them. */
export function queryTransactions(
  db: import('node:sqlite').DatabaseSync,
  filter: { account: string; asset: string; typeCode: number | undefined },
  list: ListOptions,
): TransactionRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.asset) {
    where.push('asset = ?');
    args.push(filter.asset);
  }
  if (filter.typeCode !== undefined) {
    where.push('tx_type = ?');
    args.push(filter.typeCode);
  }
  const order = orderOf(list, 'DESC');
  const { offset, limit } = pageOf(list);
  const ordered = `ORDER BY created_at ${order}, id ${order}`;
  const rest = where.map((clause) => ` AND ${clause}`).join('');
  let source: string;
  let sourceArgs: (string | number)[];
  if (filter.account) {
    // "from = ? OR to = ?" cannot walk one ordered index: each side walks its own index in listing
    // order for at most offset + limit rows, and UNION drops the row a self-transfer puts in both.
    const side = (column: string) =>
      `SELECT * FROM (SELECT * FROM ledger_transactions WHERE ${column} = ?${rest} ${ordered} LIMIT ?)`;
    source = `(${side('from_account')} UNION ${side('to_account')})`;
    sourceArgs = [filter.account, ...args, offset + limit, filter.account, ...args, offset + limit];
  } else {
    source = 'ledger_transactions';
    sourceArgs = [];
  }
  const filters = filter.account ? [] : where;
  const sql = `SELECT t.*, ft.tag AS from_tag, tt.tag AS to_tag FROM ${source} t
    LEFT JOIN user_tags ft ON ft.wallet = t.from_account LEFT JOIN user_tags tt ON tt.wallet = t.to_account
    ${filters.length ? 'WHERE ' + filters.map((clause) => 't.' + clause).join(' AND ') : ''} ORDER BY t.created_at ${order}, t.id ${order} LIMIT ? OFFSET ?`;
  return db
    .prepare(sql)
    .all(
      ...sourceArgs,
      ...(filter.account ? [] : args),
      limit,
      offset,
    ) as unknown as TransactionRow[];
}
