import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createAuthRequestMessage,
  createAuthVerifyMessageFromChallenge,
  createEIP712AuthMessageSigner,
  createGetLedgerBalancesMessage,
  createGetSessionKeysMessage,
  createRevokeSessionKeyMessage,
  createECDSAMessageSigner,
  createGetUserTagMessage,
  parseAuthChallengeResponse,
  RPCMethod,
  type AuthRequestParams,
} from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import { freshNode, nodeWithClient, nodeWithUser } from './support/node.ts';
import { stateSnapshot } from './support/state.ts';
import {
  TestClient,
  newWallet,
  signIn,
  signInWithJwt,
  errorOf,
  paramsOf,
  requestId,
  walletClientOf,
  type Wallet,
  type SignedIn,
} from './support/client.ts';
import { createSession, definition } from './support/requests.ts';

type ChallengeParams = AuthRequestParams & { address: Hex };

async function challengeFor(
  client: TestClient,
  wallet: Wallet,
  sessionKey: Wallet,
  overrides: Partial<ChallengeParams> = {},
) {
  const params: ChallengeParams = {
    address: wallet.address,
    session_key: sessionKey.address,
    application: 'app',
    allowances: [],
    expires_at: BigInt(Math.floor(Date.now() / 1000) + 3600),
    scope: 'app',
    ...overrides,
  };
  const challenge = parseAuthChallengeResponse(
    (await client.send(await createAuthRequestMessage(params, requestId()))).raw,
  );
  return { params, challenge: challenge.params.challengeMessage };
}

function policySigner(wallet: Wallet, params: ChallengeParams, application = params.application) {
  return createEIP712AuthMessageSigner(
    walletClientOf(wallet),
    {
      scope: params.scope,
      session_key: params.session_key,
      expires_at: params.expires_at,
      allowances: params.allowances,
    },
    { name: application },
  );
}

/** auth_request then auth_verify signed by `signer` (the wallet by default); returns the error text, if any. */
async function verifyWith(
  client: TestClient,
  wallet: Wallet,
  overrides: Partial<ChallengeParams> = {},
  signer: Wallet = wallet,
  domain?: string,
): Promise<string | undefined> {
  const { params, challenge } = await challengeFor(client, wallet, newWallet(), overrides);
  return client.refusal(
    await createAuthVerifyMessageFromChallenge(
      policySigner(signer, params, domain),
      challenge,
      requestId(),
    ),
  );
}

async function createWith(user: SignedIn) {
  return createSession(user.signer, definition([user.wallet.address, newWallet().address]), [
    { participant: user.wallet.address, asset: 'usdc', amount: '1' },
  ]);
}

describe('auth_verify', () => {
  const wallet = newWallet();
  const env = nodeWithClient();

  test('signs in: jwt_token, then pushes channels and bu', async () => {
    const user = await signIn(env.node.url, newWallet());
    const verify = user.client.frames.findIndex((f) => f.json.res?.[1] === 'auth_verify');
    assert.deepEqual(
      user.client.frames.slice(verify + 1, verify + 3).map((f) => f.json.res?.[1]),
      ['channels', 'bu'],
    );
    assert.equal(user.jwt.split('.').length, 3);
    user.client.close();
  });
  test('refuses an unknown challenge with "invalid challenge"', async () => {
    const params: ChallengeParams = {
      address: wallet.address,
      session_key: newWallet().address,
      application: 'app',
      allowances: [],
      expires_at: 1n,
      scope: 'app',
    };
    assert.equal(
      await env.client.refusal(
        await createAuthVerifyMessageFromChallenge(
          policySigner(wallet, params),
          '6f1c1c4e-6a43-4b3a-9a4e-2f1e0b1b2c3d',
          requestId(),
        ),
      ),
      'invalid challenge',
    );
  });
  test('refuses a Policy signed under another domain with "invalid challenge or signature"', async () => {
    assert.equal(
      await verifyWith(env.client, wallet, {}, wallet, 'other'),
      'invalid challenge or signature',
    );
  });
  test('refuses a Policy signed by someone else with "invalid challenge or signature"', async () => {
    assert.equal(
      await verifyWith(env.client, wallet, {}, newWallet()),
      'invalid challenge or signature',
    );
  });
  test('refuses a replayed challenge with "invalid challenge or signature"', async () => {
    const { params, challenge } = await challengeFor(env.client, wallet, newWallet());
    assert.equal(
      await env.client.refusal(
        await createAuthVerifyMessageFromChallenge(
          policySigner(wallet, params),
          challenge,
          requestId(),
        ),
      ),
      undefined,
    );
    assert.equal(
      await env.client.refusal(
        await createAuthVerifyMessageFromChallenge(
          policySigner(wallet, params),
          challenge,
          requestId(),
        ),
      ),
      'invalid challenge or signature',
    );
  });
  test('compares the address as a string: a lowercase address never matches', async () => {
    const lower = { ...wallet, address: wallet.address.toLowerCase() as Hex };
    const { params, challenge } = await challengeFor(env.client, lower, newWallet());
    assert.equal(
      await env.client.refusal(
        await createAuthVerifyMessageFromChallenge(
          policySigner(wallet, params),
          challenge,
          requestId(),
        ),
      ),
      'invalid challenge or signature',
    );
  });
  test('refuses a past expires_at with "expiration time must be set and in the future"', async () => {
    assert.equal(
      await verifyWith(env.client, wallet, {
        expires_at: BigInt(Math.floor(Date.now() / 1000) - 10),
      }),
      'expiration time must be set and in the future',
    );
  });
  test('refuses an unknown allowance asset with "unsupported token: asset \'doge\' is not supported"', async () => {
    assert.equal(
      await verifyWith(env.client, wallet, { allowances: [{ asset: 'doge', amount: '1' }] }),
      "unsupported token: asset 'doge' is not supported",
    );
  });
  test('refuses an unparsable allowance amount with the decimal error', async () => {
    assert.equal(
      await verifyWith(env.client, wallet, { allowances: [{ asset: 'usdc', amount: 'lots' }] }),
      "unsupported token: invalid amount 'lots' for asset 'usdc': can't convert lots to decimal",
    );
  });
  test('refuses a negative allowance amount', async () => {
    assert.equal(
      await verifyWith(env.client, wallet, { allowances: [{ asset: 'usdc', amount: '-1' }] }),
      "unsupported token: allowance amount cannot be negative for asset 'usdc', got '-1'",
    );
  });
  test('refuses expires_at given in ms·1000 with "failed to generate JWT token"', async () => {
    assert.equal(
      await verifyWith(env.client, wallet, { expires_at: BigInt(Date.now()) * 1000n }),
      'failed to generate JWT token',
    );
  });
  test('refuses a session key already registered to another wallet', async () => {
    const key = newWallet();
    const owner = await signIn(env.node.url, newWallet(), { sessionKey: key });
    const other = newWallet();
    const { params, challenge } = await challengeFor(env.client, other, key);
    assert.equal(
      await env.client.refusal(
        await createAuthVerifyMessageFromChallenge(
          policySigner(other, params),
          challenge,
          requestId(),
        ),
      ),
      'signer is already in use for another wallet',
    );
    owner.client.close();
  });
  test('refuses a frame with neither jwt nor signature', async () => {
    const { challenge } = await challengeFor(env.client, wallet, newWallet());
    assert.equal(
      await env.client.refusal(
        JSON.stringify({ req: [requestId(), 'auth_verify', { challenge }, Date.now()], sig: [] }),
      ),
      'invalid authentication method: expected JWT or signature',
    );
  });
  test('refuses a malformed challenge uuid with "failed to parse auth parameters"', async () => {
    assert.equal(
      await env.client.refusal(
        JSON.stringify({
          req: [requestId(), 'auth_verify', { challenge: 'nope' }, Date.now()],
          sig: [],
        }),
      ),
      'failed to parse auth parameters',
    );
  });
  test('reusing an active key keeps its first allowances', async () => {
    const key = newWallet();
    const owner = newWallet();
    const first = await signIn(env.node.url, owner, {
      sessionKey: key,
      allowances: [{ asset: 'usdc', amount: '7' }],
    });
    const again = await signIn(env.node.url, owner, {
      sessionKey: key,
      allowances: [{ asset: 'usdc', amount: '9' }],
    });
    const { sessionKeys } = await again.client.expect(
      await createGetSessionKeysMessage(again.signer, requestId()),
      RPCMethod.GetSessionKeys,
    );
    assert.deepEqual(
      sessionKeys.map((k) => k.allowances[0].allowance),
      ['7'],
    );
    first.client.close();
    again.client.close();
  });
});

describe('auth_request', () => {
  test('answers auth_challenge with a uuid and accepts any params unvalidated', async () => {
    const node = await freshNode();
    const client = await TestClient.connect(node.url);
    const frame = await client.send(
      JSON.stringify({
        req: [requestId(), 'auth_request', { address: 'nonsense', scope: 'x' }, Date.now()],
        sig: [],
      }),
    );
    assert.equal(frame.json.res?.[1], 'auth_challenge');
    assert.match(
      (frame.json.res![2] as { challenge_message: string }).challenge_message,
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    client.close();
  });
});

describe('private methods', () => {
  const env = nodeWithUser();

  test('refuse an anonymous connection with "authentication required"', async () => {
    const anonymous = await TestClient.connect(env.node.url);
    assert.equal(
      await anonymous.refusal(
        await createGetLedgerBalancesMessage(
          createECDSAMessageSigner(newWallet().privateKey),
          undefined,
          requestId(),
        ),
      ),
      'authentication required',
    );
    anonymous.close();
  });
  test('refuse a timestamp older than 60 s with "invalid message timestamp"', async () => {
    assert.equal(
      await env.user.client.refusal(
        await createGetLedgerBalancesMessage(
          env.user.signer,
          undefined,
          requestId(),
          Date.now() - 61_000,
        ),
      ),
      'invalid message timestamp',
    );
  });
  test('refuse a 10-digit (seconds) timestamp with "invalid message timestamp"', async () => {
    assert.equal(
      await env.user.client.refusal(
        await createGetLedgerBalancesMessage(
          env.user.signer,
          undefined,
          requestId(),
          Math.floor(Date.now() / 1000),
        ),
      ),
      'invalid message timestamp',
    );
  });
  test('accept a future timestamp', async () => {
    assert.equal(
      await env.user.client.refusal(
        await createGetLedgerBalancesMessage(
          env.user.signer,
          undefined,
          requestId(),
          Date.now() + 3_600_000,
        ),
      ),
      undefined,
    );
  });
  test('get_ledger_balances is empty before any movement', async () => {
    assert.deepEqual(
      await env.user.client.expect(
        await createGetLedgerBalancesMessage(env.user.signer, undefined, requestId()),
        RPCMethod.GetLedgerBalances,
      ),
      { ledgerBalances: [] },
    );
  });
  test('get_user_tag returns a 6-character tag made at sign-in', async () => {
    const { tag } = await env.user.client.expect(
      await createGetUserTagMessage(env.user.signer, requestId()),
      RPCMethod.GetUserTag,
    );
    assert.match(tag, /^[0-9A-Z]{6}$/);
  });
});

describe('JWT re-auth', () => {
  const env = nodeWithUser();

  test('signs a new connection in without a new jwt_token, then pushes bu', async () => {
    const { client, response } = await signInWithJwt(env.node.url, env.user.jwt);
    assert.deepEqual(paramsOf(response, RPCMethod.AuthVerify), {
      address: env.user.wallet.address,
      sessionKey: env.user.sessionKey.address,
      success: true,
      jwtToken: undefined,
    });
    await client.push('bu');
    assert.equal(
      (
        await client.call(
          await createGetLedgerBalancesMessage(env.user.signer, undefined, requestId()),
        )
      ).method,
      'get_ledger_balances',
    );
    client.close();
  });
  test('refuses a tampered token with "invalid JWT token"', async () => {
    const forged = env.user.jwt.slice(0, -4) + (env.user.jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bad = await signInWithJwt(env.node.url, forged);
    assert.equal(errorOf(bad.response), 'invalid JWT token');
    bad.client.close();
  });
  test('no longer signs in once its session key was revoked, and nothing changes', async () => {
    const owner = await signIn(env.node.url, newWallet());
    await owner.client.expect(
      await createRevokeSessionKeyMessage(owner.signer, owner.sessionKey.address, requestId()),
      RPCMethod.RevokeSessionKey,
    );
    const before = stateSnapshot(env.node);
    const { client, response } = await signInWithJwt(env.node.url, owner.jwt);
    assert.equal(errorOf(response), 'invalid JWT token');
    assert.equal(stateSnapshot(env.node), before);
    client.close();
    owner.client.close();
  });
  test('no longer signs in once a new sign-in replaced its session key', async () => {
    const wallet = newWallet();
    const first = await signIn(env.node.url, wallet);
    const second = await signIn(env.node.url, wallet);
    const { client, response } = await signInWithJwt(env.node.url, first.jwt);
    assert.equal(errorOf(response), 'invalid JWT token');
    assert.equal(
      paramsOf((await signInWithJwt(env.node.url, second.jwt)).response, RPCMethod.AuthVerify)
        .success,
      true,
    );
    client.close();
    first.client.close();
    second.client.close();
  });
  test('--strict: still works after the session key was revoked (Go checks only the token), but the key no longer signs', async () => {
    const node = await freshNode({ strict: true });
    const owner = await signIn(node.url, newWallet());
    await owner.client.expect(
      await createRevokeSessionKeyMessage(owner.signer, owner.sessionKey.address, requestId()),
      RPCMethod.RevokeSessionKey,
    );
    const { client, response } = await signInWithJwt(node.url, owner.jwt);
    assert.equal(paramsOf(response, RPCMethod.AuthVerify).success, true);
    assert.equal(
      await client.refusal(
        await createRevokeSessionKeyMessage(owner.signer, owner.sessionKey.address, requestId()),
      ),
      'invalid signature',
    );
    client.close();
    owner.client.close();
  });
});

describe('get_session_keys', () => {
  let node: RunningClearNode;
  let first: SignedIn;
  let second: SignedIn;
  const wallet = newWallet();
  before(async () => {
    node = await startClearNode({ port: 0, db: ':memory:' });
    first = await signIn(node.url, wallet, { allowances: [{ asset: 'usdc', amount: '7' }] });
  });
  after(async () => {
    first.client.close();
    second?.client.close();
    await node.stop();
  });

  test('lists the key with allowance and usage', async () => {
    const { sessionKeys } = await first.client.expect(
      await createGetSessionKeysMessage(first.signer, requestId()),
      RPCMethod.GetSessionKeys,
    );
    assert.equal(sessionKeys.length, 1);
    assert.equal(sessionKeys[0].sessionKey, first.sessionKey.address);
    assert.deepEqual(sessionKeys[0].allowances, [{ asset: 'usdc', allowance: '7', used: '0' }]);
    assert.equal(sessionKeys[0].scope, 'app.create');
  });
  test('keeps one key per application: a new sign-in replaces the old key', async () => {
    second = await signIn(node.url, wallet);
    const { sessionKeys } = await second.client.expect(
      await createGetSessionKeysMessage(second.signer, requestId()),
      RPCMethod.GetSessionKeys,
    );
    assert.deepEqual(
      sessionKeys.map((k) => k.sessionKey),
      [second.sessionKey.address],
    );
  });
  test('the replaced key no longer maps to the wallet', async () => {
    assert.equal(
      await second.client.refusal(
        await createRevokeSessionKeyMessage(first.signer, second.sessionKey.address, requestId()),
      ),
      'invalid signature',
    );
  });
  test('accepts any sort and ignores it', async () => {
    const request = await createGetSessionKeysMessage(second.signer, requestId());
    const withSort = JSON.parse(request) as {
      req: [number, string, Record<string, unknown>, number];
    };
    withSort.req[2] = { sort: 'sideways' };
    const resigned = JSON.stringify({
      req: withSort.req,
      sig: [await second.signer(withSort.req as never)],
    });
    assert.equal(
      (await second.client.expect(resigned, RPCMethod.GetSessionKeys)).sessionKeys.length,
      1,
    );
  });
  test('defaults the scope to "all"', async () => {
    const scoped = await signIn(node.url, wallet, { application: 'unscoped', scope: '' });
    const { sessionKeys } = await scoped.client.expect(
      await createGetSessionKeysMessage(scoped.signer, requestId()),
      RPCMethod.GetSessionKeys,
    );
    assert.equal(sessionKeys.find((k) => k.sessionKey === scoped.sessionKey.address)?.scope, 'all');
    scoped.client.close();
  });
});

describe('revoke_session_key', () => {
  let node: RunningClearNode;
  let user: SignedIn;
  let other: SignedIn;
  const wallet = newWallet();
  before(async () => {
    node = await startClearNode({ port: 0, db: ':memory:' });
    user = await signIn(node.url, wallet);
    other = await signIn(node.url, wallet, { application: 'other' });
  });
  after(async () => {
    user.client.close();
    other.client.close();
    await node.stop();
  });

  test('refuses an empty session_key with "session_key parameter is required"', async () => {
    assert.equal(
      await user.client.refusal(
        await createRevokeSessionKeyMessage(user.signer, '' as Hex, requestId()),
      ),
      'session_key parameter is required',
    );
  });
  test('refuses an unsigned request with "missing participant signature"', async () => {
    const unsigned = JSON.stringify({
      req: [
        requestId(),
        'revoke_session_key',
        { session_key: user.sessionKey.address },
        Date.now(),
      ],
      sig: [],
    });
    assert.equal(await user.client.refusal(unsigned), 'missing participant signature');
  });
  test('refuses a key of another wallet', async () => {
    assert.equal(
      await other.client.refusal(
        await createRevokeSessionKeyMessage(other.signer, newWallet().address, requestId()),
      ),
      'operation denied: provided address is not an active session key of this user',
    );
  });
  test('refuses an application key revoking another key', async () => {
    assert.equal(
      await other.client.refusal(
        await createRevokeSessionKeyMessage(other.signer, user.sessionKey.address, requestId()),
      ),
      'operation denied: insufficient permissions for the active session key',
    );
  });
  test('lets the wallet itself revoke any of its keys', async () => {
    const walletSigner = createECDSAMessageSigner(wallet.privateKey);
    assert.deepEqual(
      await other.client.expect(
        await createRevokeSessionKeyMessage(walletSigner, other.sessionKey.address, requestId()),
        RPCMethod.RevokeSessionKey,
      ),
      { sessionKey: other.sessionKey.address },
    );
  });
  test('lets a key revoke itself; it then signs as itself', async () => {
    assert.deepEqual(
      await user.client.expect(
        await createRevokeSessionKeyMessage(user.signer, user.sessionKey.address, requestId()),
        RPCMethod.RevokeSessionKey,
      ),
      { sessionKey: user.sessionKey.address },
    );
    assert.equal(
      await user.client.refusal(await createWith(user)),
      `missing signature for participant ${wallet.address}`,
    );
  });
  test('the connection stays signed in after revoking its own key', async () => {
    const walletSigner = createECDSAMessageSigner(wallet.privateKey);
    assert.equal(
      await user.client.refusal(
        await createGetLedgerBalancesMessage(walletSigner, undefined, requestId()),
      ),
      undefined,
    );
  });
  test('a revoked key cannot be registered again', async () => {
    await assert.rejects(
      signIn(node.url, wallet, { sessionKey: user.sessionKey }),
      /session key already exists but is expired/,
    );
  });
});

describe('session key expiry', () => {
  test('an expired session key no longer signs for its wallet', async () => {
    const node = await freshNode();
    const wallet = newWallet();
    const expiresAt = BigInt(Math.floor(Date.now() / 1000) + 2);
    const user = await signIn(node.url, wallet, { expiresAt });
    await new Promise<void>((resolve) => {
      const wait = () =>
        Date.now() / 1000 > Number(expiresAt) + 0.05 ? resolve() : setTimeout(wait, 50);
      wait();
    });
    assert.equal(
      await user.client.refusal(await createWith(user)),
      `missing signature for participant ${wallet.address}`,
    );
    user.client.close();
  });
});
