import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newWallet, signIn } from './support/client.ts';
import { multiSigned } from './support/requests.ts';
import { nodeWithUser } from './support/node.ts';

/** No chain is attached: the channel methods answer as Go does when no channel exists. */
describe('channel methods without a chain', () => {
  let token: string;
  const env = nodeWithUser();
  before(() => {
    token = env.node.services.assets[0].token;
  });
  const call = async (method: string, params: object, signers = [env.user.signer]) =>
    env.user.client.refusal(await multiSigned(method, params, signers));

  test('create_channel: refuses missing chain_id or token with "failed to parse parameters"', async () => {
    assert.equal(await call('create_channel', { token }), 'failed to parse parameters');
  });
  test('create_channel: refuses a request the wallet did not sign with "invalid signature"', async () => {
    const stranger = await signIn(env.node.url, newWallet());
    assert.equal(
      await call('create_channel', { chain_id: 31337, token }, [stranger.signer]),
      'invalid signature',
    );
    stranger.client.close();
  });
  test('create_channel: refuses an unknown token with "token not supported: 0x…"', async () => {
    const unknown = newWallet().address;
    assert.equal(
      await call('create_channel', { chain_id: 31337, token: unknown }),
      `token not supported: ${unknown}`,
    );
  });
  test('create_channel: a supported token fails with "failed to request channel create"', async () => {
    assert.equal(
      await call('create_channel', { chain_id: 31337, token }),
      'failed to request channel create',
    );
  });
  test('resize_channel: refuses a fractional amount with "failed to parse parameters"', async () => {
    assert.equal(
      await call('resize_channel', {
        channel_id: '0x01',
        funds_destination: env.user.wallet.address,
        resize_amount: '1.5',
      }),
      'failed to parse parameters',
    );
  });
  test('resize_channel: refuses any channel with "channel 0x01 not found"', async () => {
    assert.equal(
      await call('resize_channel', {
        channel_id: '0x01',
        funds_destination: env.user.wallet.address,
        allocate_amount: '10',
      }),
      'channel 0x01 not found',
    );
  });
  test('close_channel: refuses any channel with "channel 0x02 not found"', async () => {
    assert.equal(
      await call('close_channel', {
        channel_id: '0x02',
        funds_destination: env.user.wallet.address,
      }),
      'channel 0x02 not found',
    );
  });
});
