import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthRequestMessage, createAuthVerifyMessageFromChallenge, createEIP712AuthMessageSigner, createGetLedgerBalancesMessage, createGetSessionKeysMessage,
  createRevokeSessionKeyMessage, createECDSAMessageSigner, createGetUserTagMessage, parseAnyRPCResponse, parseAuthChallengeResponse } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import { TestClient, newWallet, signIn, signInWithJwt, errorOf, requestId, walletClientOf, type Wallet } from './support/client.ts';
import { createSession, definition } from './support/requests.ts';

async function challengeFor(client: TestClient, wallet: Wallet, sessionKey: Wallet, overrides: Record<string, unknown> = {}) {
  const params = { address: wallet.address, session_key: sessionKey.address, application: 'app', allowances: [], expires_at: BigInt(Math.floor(Date.now() / 1000) + 3600), scope: 'app', ...overrides };
  const challenge = parseAuthChallengeResponse((await client.send(await createAuthRequestMessage(params as never, requestId()))).raw);
  return { params, challenge: challenge.params.challengeMessage };
}

function policySigner(wallet: Wallet, params: any, application = params.application) {
  return createEIP712AuthMessageSigner(walletClientOf(wallet), { scope: params.scope, session_key: params.session_key, expires_at: params.expires_at, allowances: params.allowances }, { name: application });
}

test('sign-in returns a JWT, then pushes channels and bu; private methods work', async () => {
  const node = await freshNode();
  const user = await signIn(node.url, newWallet());
  const verify = user.client.frames.findIndex((f) => f.json.res?.[1] === 'auth_verify');
  assert.deepEqual(user.client.frames.slice(verify + 1, verify + 3).map((f) => f.json.res?.[1]), ['channels', 'bu']);
  assert.equal(user.jwt.split('.').length, 3);
  const balances = await user.client.call(await createGetLedgerBalancesMessage(user.signer, undefined, requestId()));
  assert.deepEqual(balances.params, { ledgerBalances: [] });
  const tag = await user.client.call(await createGetUserTagMessage(user.signer, requestId()));
  assert.match((tag.params as { tag: string }).tag, /^[0-9A-Z]{6}$/);
});

test('auth errors: challenge, signature, replay, lowercase address, expiry, allowances', async () => {
  const node = await freshNode();
  const client = await TestClient.connect(node.url);
  const wallet = newWallet();
  const key = newWallet();

  const unknown = await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, { scope: 'app', session_key: key.address, expires_at: 1n, allowances: [], application: 'app' }), '6f1c1c4e-6a43-4b3a-9a4e-2f1e0b1b2c3d', requestId()));
  assert.equal(errorOf(unknown), 'invalid challenge');

  const { params, challenge } = await challengeFor(client, wallet, key);
  const wrongDomain = await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, params, 'other'), challenge, requestId()));
  assert.equal(errorOf(wrongDomain), 'invalid challenge or signature');
  const good = await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, params), challenge, requestId()));
  assert.equal(errorOf(good), undefined);
  const replay = await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, params), challenge, requestId()));
  assert.equal(errorOf(replay), 'invalid challenge or signature');

  const lower = { ...wallet, address: wallet.address.toLowerCase() as `0x${string}` };
  const c2 = await challengeFor(client, lower, newWallet());
  assert.equal(errorOf(await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, c2.params), c2.challenge, requestId()))), 'invalid challenge or signature');

  const c3 = await challengeFor(client, wallet, newWallet(), { expires_at: BigInt(Math.floor(Date.now() / 1000) - 10) });
  assert.equal(errorOf(await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, c3.params), c3.challenge, requestId()))), 'expiration time must be set and in the future');

  const c4 = await challengeFor(client, wallet, newWallet(), { allowances: [{ asset: 'doge', amount: '1' }] });
  assert.equal(errorOf(await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, c4.params), c4.challenge, requestId()))), "unsupported token: asset 'doge' is not supported");

  const c5 = await challengeFor(client, wallet, newWallet(), { expires_at: BigInt(Date.now()) * 1000n });
  assert.equal(errorOf(await client.send(await createAuthVerifyMessageFromChallenge(policySigner(wallet, c5.params), c5.challenge, requestId()))), 'failed to generate JWT token');

  const other = newWallet();
  const c6 = await challengeFor(client, other, key);
  assert.equal(errorOf(await client.send(await createAuthVerifyMessageFromChallenge(policySigner(other, c6.params), c6.challenge, requestId()))), 'signer is already in use for another wallet');

  const noSig = await client.send(JSON.stringify({ req: [requestId(), 'auth_verify', { challenge }, Date.now()], sig: [] }));
  assert.equal(errorOf(noSig), 'invalid authentication method: expected JWT or signature');
  const badUuid = await client.send(JSON.stringify({ req: [requestId(), 'auth_verify', { challenge: 'nope' }, Date.now()], sig: [] }));
  assert.equal(errorOf(badUuid), 'failed to parse auth parameters');
  client.close();
});

test('private methods: authentication required, stale timestamp', async () => {
  const node = await freshNode();
  const anonymous = await TestClient.connect(node.url);
  const signer = createECDSAMessageSigner(newWallet().privateKey);
  assert.equal(errorOf(await anonymous.send(await createGetLedgerBalancesMessage(signer, undefined, requestId()))), 'authentication required');
  const user = await signIn(node.url, newWallet());
  const stale = await user.client.send(await createGetLedgerBalancesMessage(user.signer, undefined, requestId(), Date.now() - 61_000));
  assert.equal(errorOf(stale), 'invalid message timestamp');
  const tenDigits = await user.client.send(await createGetLedgerBalancesMessage(user.signer, undefined, requestId(), Math.floor(Date.now() / 1000)));
  assert.equal(errorOf(tenDigits), 'invalid message timestamp');
  // Public methods ignore the timestamp.
  const publicOld = await anonymous.send(JSON.stringify({ req: [requestId(), 'get_assets', {}, 1], sig: [] }));
  assert.equal(publicOld.json.res?.[1], 'get_assets');
  anonymous.close();
});

test('JWT re-auth on a new connection; a bad token is refused', async () => {
  const node = await freshNode();
  const user = await signIn(node.url, newWallet());
  const { client, response } = await signInWithJwt(node.url, user.jwt);
  const parsed = parseAnyRPCResponse(response.raw) as any;
  assert.deepEqual(parsed.params, { address: user.wallet.address, sessionKey: user.sessionKey.address, success: true, jwtToken: undefined });
  await client.push('bu');
  const balances = await client.call(await createGetLedgerBalancesMessage(user.signer, undefined, requestId()));
  assert.equal(balances.method, 'get_ledger_balances');
  const forged = user.jwt.slice(0, -4) + (user.jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const bad = await signInWithJwt(node.url, forged);
  assert.equal(errorOf(bad.response), 'invalid JWT token');
  client.close();
  bad.client.close();
});

test('session keys: listed with usage, one per application, revocation, expiry', async () => {
  const node = await freshNode();
  const wallet = newWallet();
  const first = await signIn(node.url, wallet, { allowances: [{ asset: 'usdc', amount: '7' }] });
  const keys = await first.client.call(await createGetSessionKeysMessage(first.signer, requestId()));
  const list = (keys.params as { sessionKeys: any[] }).sessionKeys;
  assert.equal(list.length, 1);
  assert.equal(list[0].sessionKey, first.sessionKey.address);
  assert.deepEqual(list[0].allowances, [{ asset: 'usdc', allowance: '7', used: '0' }]);

  // A second key for the same application replaces the first one.
  const second = await signIn(node.url, wallet);
  const after = await second.client.call(await createGetSessionKeysMessage(second.signer, requestId()));
  assert.deepEqual((after.params as { sessionKeys: any[] }).sessionKeys.map((k) => k.sessionKey), [second.sessionKey.address]);
  // The replaced key no longer maps to the wallet: its signature is the wrong signer now.
  const staleKey = await second.client.send(await createRevokeSessionKeyMessage(first.signer, second.sessionKey.address, requestId()));
  assert.equal(errorOf(staleKey), 'invalid signature');

  const other = await signIn(node.url, wallet, { application: 'other' });
  const denied = await other.client.send(await createRevokeSessionKeyMessage(other.signer, second.sessionKey.address, requestId()));
  assert.equal(errorOf(denied), 'operation denied: insufficient permissions for the active session key');
  const notMine = await other.client.send(await createRevokeSessionKeyMessage(other.signer, newWallet().address, requestId()));
  assert.equal(errorOf(notMine), 'operation denied: provided address is not an active session key of this user');
  const revoked = await second.client.call(await createRevokeSessionKeyMessage(second.signer, second.sessionKey.address, requestId()));
  assert.deepEqual(revoked.params, { sessionKey: second.sessionKey.address });
  // The revoked key now signs as itself: a non-participant for app sessions, the wrong signer here.
  const afterRevoke = await second.client.send(await createCreateWith(second));
  assert.equal(errorOf(afterRevoke), `missing signature for participant ${wallet.address}`);
  // Re-registering the revoked (expired) key is refused.
  await assert.rejects(signIn(node.url, wallet, { sessionKey: second.sessionKey }), /session key already exists but is expired/);
  for (const c of [first, second, other]) c.client.close();
});

async function createCreateWith(user: Awaited<ReturnType<typeof signIn>>) {
  return createSession(user.signer, definition([user.wallet.address, newWallet().address]), [{ participant: user.wallet.address, asset: 'usdc', amount: '1' }]);
}

test('an expired session key no longer signs for its wallet', async () => {
  const node = await freshNode();
  const wallet = newWallet();
  const expiresAt = BigInt(Math.floor(Date.now() / 1000) + 2);
  const user = await signIn(node.url, wallet, { expiresAt });
  await new Promise<void>((resolve) => {
    const wait = () => (Date.now() / 1000 > Number(expiresAt) + 0.05 ? resolve() : setTimeout(wait, 50));
    wait();
  });
  const refused = await user.client.send(await createCreateWith(user));
  assert.equal(errorOf(refused), `missing signature for participant ${wallet.address}`);
  user.client.close();
});
