import type { MethodSpec } from '../rpc/method.ts';
import { orFail, readParams } from '../rpc/method.ts';
import { RpcError, ParamsError } from '../rpc/rpc-error.ts';
import { readString, readUint32, readAmount, type Params } from '../rpc/params.ts';
import { hexToAddress } from '../address.ts';
import { AMOUNT_SCALE } from '../decimal.ts';
import { signerWallets } from './signers.ts';

const PARSE_FAILED = 'failed to parse parameters';
const WALLETS_FAILED = 'failed to get wallets from RPC message';

/** A validated-as-integer optional amount (Go's `bigint` tag on resize amounts). */
function readOptionalIntegerAmount(params: Params, key: string): void {
  if (params[key] === undefined || params[key] === null) return;
  const amount = readAmount(params, key);
  if (amount % 10n ** BigInt(AMOUNT_SCALE) !== 0n)
    throw new ParamsError(`${key} must be an integer`);
}

/**
 * The channel methods. No chain is attached to this node, so no channel ever exists: each method
 * runs Go's checks up to the point where a channel (or a chain to open one on) is needed, and
 * answers with the error Go gives there.
 */
export const channelMethods: Record<string, MethodSpec> = {
  create_channel: {
    access: 'private',
    recordsHistory: true,
    handler: (ctx, s) => {
      const { chainId, token } = readParams(ctx, PARSE_FAILED, (params) => {
        const chainId = readUint32(params, 'chain_id');
        const token = readString(params, 'token');
        if (chainId === 0 || token === '') throw new ParamsError('chain_id and token are required');
        return { chainId, token };
      });
      const wallets = orFail(WALLETS_FAILED, () => signerWallets(ctx, s));
      return orFail('failed to request channel create', () => {
        if (!wallets.has(hexToAddress(ctx.userId))) throw new RpcError('invalid signature');
        const supported = s.assets.some(
          (a) => a.chain_id === chainId && a.token.toLowerCase() === token.toLowerCase(),
        );
        if (!supported) throw new RpcError(`token not supported: ${token}`);
        // Opening a channel needs a chain: what remains is Go's text for a failure past this point.
        throw new Error('no chain attached');
      });
    },
  },

  resize_channel: {
    access: 'private',
    recordsHistory: true,
    handler: (ctx, s) => {
      const channelId = readParams(ctx, PARSE_FAILED, (params) => {
        const channelId = readString(params, 'channel_id');
        const fundsDestination = readString(params, 'funds_destination');
        readOptionalIntegerAmount(params, 'allocate_amount');
        readOptionalIntegerAmount(params, 'resize_amount');
        if (channelId === '' || fundsDestination === '')
          throw new ParamsError('channel_id and funds_destination are required');
        return channelId;
      });
      orFail(WALLETS_FAILED, () => signerWallets(ctx, s));
      throw new RpcError(`channel ${channelId} not found`);
    },
  },

  close_channel: {
    access: 'private',
    recordsHistory: true,
    handler: (ctx, s) => {
      const channelId = readParams(ctx, PARSE_FAILED, (params) => {
        readString(params, 'funds_destination');
        return readString(params, 'channel_id');
      });
      orFail(WALLETS_FAILED, () => signerWallets(ctx, s));
      throw new RpcError(`channel ${channelId} not found`);
    },
  },
};

/** Go registers this test-mode method on every node; outside test mode it only answers this error. */
export const cleanupSessionKeyCacheMethod: MethodSpec = {
  access: 'public',
  handler: () => {
    throw new RpcError('test mode endpoints are disabled');
  },
};
