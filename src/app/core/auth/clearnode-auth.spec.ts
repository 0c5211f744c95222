import { TestBed } from '@angular/core/testing';
import { SigningKey, computeAddress, verifyTypedData } from 'ethers';
import { MemoryStorage } from '../../testing/memory-storage';
import { ClearNodeClient } from '../clearnode/clearnode-client';
import { NitroliteSdkLoader } from '../clearnode/nitrolite-sdk';
import { ClearNodeRpcError, type RpcRequest, type RpcResult } from '../clearnode/rpc-frame';
import { BROWSER_STORAGE } from '../storage/browser-storage.token';
import { APPLICATION_NAME } from './application';
import { ClearNodeAuth, NoStoredSessionError } from './clearnode-auth';
import type { PolicyTypedData } from './policy-typed-data';
import { SessionKeySigner } from './session-key-signer';
import { SessionKeyStore } from './session-key.store';

describe('ClearNodeAuth', () => {
  const walletKey = new SigningKey('0x' + '0a'.repeat(32));
  const wallet = computeAddress(walletKey.publicKey);
  const scope = { nodeUrl: 'ws://127.0.0.1:8000/ws', wallet: wallet.toLowerCase() };
  let client: jasmine.SpyObj<ClearNodeClient>;
  let auth: ClearNodeAuth;
  let signer: SessionKeySigner;
  let store: SessionKeyStore;

  beforeEach(() => {
    client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', [
      'request',
      'buildRequest',
      'send',
    ]);
    let id = 100;
    client.buildRequest.and.callFake(
      (method, params) => [id++, method, params, Date.now()] as RpcRequest,
    );
    TestBed.configureTestingModule({
      providers: [
        { provide: ClearNodeClient, useValue: client },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    auth = TestBed.inject(ClearNodeAuth);
    signer = TestBed.inject(SessionKeySigner);
    store = TestBed.inject(SessionKeyStore);
  });

  it('registers a fresh session key with one Policy signature and keeps key and JWT', async () => {
    client.request.and.resolveTo({ challenge_message: 'challenge-1' });
    client.send.and.callFake(
      async (req: RpcRequest) =>
        ({
          id: req[0],
          method: 'auth_verify',
          params: { jwt_token: 'jwt-1', success: true },
          timestamp: 0,
        }) as RpcResult,
    );
    const signatures: PolicyTypedData[] = [];
    const session = await auth.signIn({
      scope,
      allowances: [{ asset: 'usdc', amount: '100' }],
      expiresAt: 1_800_000_000,
      lifetimeSeconds: 3600,
      signTypedData: async (typedData) => {
        signatures.push(typedData);
        const types = withoutDomain(typedData.types);
        return walletKey.sign(
          (await import('ethers')).TypedDataEncoder.hash(
            typedData.domain,
            types,
            typedData.message,
          ),
        ).serialized;
      },
    });

    // auth_request: checksummed addresses, Unix seconds, the allowances as typed, unsigned.
    const [method, params, options] = client.request.calls.first().args;
    expect(method).toBe('auth_request');
    expect(params).toEqual({
      address: wallet,
      session_key: session.sessionKey.address,
      application: APPLICATION_NAME,
      allowances: [{ asset: 'usdc', amount: '100' }],
      expires_at: 1_800_000_000,
      scope: 'nitrolite-sessions',
    });
    expect(options).toBeUndefined();

    // One prompt, whose Policy carries the challenge and recovers to the wallet.
    expect(signatures.length).toBe(1);
    const typed = signatures[0];
    expect(typed.message).toEqual(
      jasmine.objectContaining({
        challenge: 'challenge-1',
        wallet,
        session_key: session.sessionKey.address,
      }),
    );
    const types = withoutDomain(typed.types);
    const { EIP712AuthTypes } = await TestBed.inject(NitroliteSdkLoader).load();
    expect(JSON.parse(JSON.stringify(types))).toEqual(JSON.parse(JSON.stringify(EIP712AuthTypes)));
    const [verifyReq, sig] = client.send.calls.first().args;
    expect(verifyReq[1]).toBe('auth_verify');
    expect(verifyReq[2]).toEqual({ challenge: 'challenge-1' });
    expect(verifyTypedData(typed.domain, types, typed.message, sig[0])).toBe(wallet);

    expect(session.jwt).toBe('jwt-1');
    expect(session.lifetimeSeconds).toBe(3600);
    expect(store.load(scope)).toEqual(session);
    expect(signer.address).toBe(session.sessionKey.address);
  });

  it('resumes with the stored JWT and no signature', async () => {
    store.save(scope, {
      sessionKey: { privateKey: '0x' + '0b'.repeat(32), address: '0xKey' },
      application: APPLICATION_NAME,
      expiresAt: Date.now() / 1000 + 60,
      allowances: [],
      jwt: 'jwt-2',
    });
    client.request.and.resolveTo({ success: true });
    await auth.resume(scope);
    expect(client.request).toHaveBeenCalledOnceWith('auth_verify', { jwt: 'jwt-2' });
    expect(signer.address).toBe('0xKey');
  });

  it('does not resume an expired key, or a key made for another application', async () => {
    store.save(scope, {
      sessionKey: { privateKey: '0x01', address: '0xKey' },
      application: APPLICATION_NAME,
      expiresAt: Date.now() / 1000 - 1,
      allowances: [],
      jwt: 'j',
    });
    await expectAsync(auth.resume(scope)).toBeRejectedWith(
      new NoStoredSessionError('Your session key has expired.'),
    );
    expect(store.load(scope)).toBeNull();
    store.save(scope, {
      sessionKey: { privateKey: '0x01', address: '0xKey' },
      application: 'other-app',
      expiresAt: Date.now() / 1000 + 60,
      allowances: [],
      jwt: 'j',
    });
    await expectAsync(auth.resume(scope)).toBeRejectedWithError(NoStoredSessionError);
    expect(client.request).not.toHaveBeenCalled();
  });

  describe('a key replaced by a sign-in elsewhere', () => {
    const key = {
      privateKey: '0x' + '0d'.repeat(32),
      address: computeAddress('0x' + '0d'.repeat(32)),
    };
    const saved = {
      sessionKey: key,
      application: APPLICATION_NAME,
      expiresAt: Date.now() / 1000 + 60,
      allowances: [],
      jwt: 'j',
    };

    it('is found by asking the node which keys it lists for the wallet', async () => {
      signer.use(key);
      client.request.and.resolveTo({
        session_keys: [{ session_key: key.address.toLowerCase() }],
      });
      expect(await auth.listsSessionKey()).toBeTrue();
      expect(client.request).toHaveBeenCalledOnceWith('get_session_keys', {}, { signed: true });
      client.request.and.resolveTo({ session_keys: [{ session_key: '0xSomeoneElse' }] });
      expect(await auth.listsSessionKey()).toBeFalse();
    });

    it('is forgotten and never signs again, but a newer key from another tab stays', async () => {
      store.save(scope, saved);
      signer.use(key);
      auth.retire(scope);
      expect(store.load(scope)).toBeNull();
      await expectAsync(signer.signRequest([1, 'transfer', {}, 1])).toBeRejectedWithError(
        'Signed in on another device or tab: sign in again here.',
      );

      signer.use(key);
      const newer = { ...saved, sessionKey: { privateKey: '0x02', address: '0xNewer' } };
      store.save(scope, newer);
      auth.retire(scope);
      expect(store.load(scope)).toEqual(newer);
    });
  });

  it('revokes the key on sign-out and forgets it even when the node cannot be reached', async () => {
    const key = {
      privateKey: '0x' + '0c'.repeat(32),
      address: computeAddress('0x' + '0c'.repeat(32)),
    };
    store.save(scope, {
      sessionKey: key,
      application: APPLICATION_NAME,
      expiresAt: Date.now() / 1000 + 60,
      allowances: [],
      jwt: 'j',
    });
    signer.use(key);
    client.request.and.rejectWith(new ClearNodeRpcError('revoke_session_key', 'operation denied'));
    const outcome = await auth.signOut(scope);
    expect(client.request).toHaveBeenCalledOnceWith(
      'revoke_session_key',
      { session_key: key.address },
      { signed: true },
    );
    expect(outcome).toEqual({
      revoked: false,
      error: 'The ClearNode refused revoke_session_key: operation denied',
    });
    expect(store.load(scope)).toBeNull();
    expect(signer.address).toBeNull();
  });
});

/** The struct types without EIP712Domain, as ethers wants them. */
function withoutDomain(
  types: PolicyTypedData['types'],
): Record<string, { name: string; type: string }[]> {
  return { Policy: [...types.Policy], Allowance: [...types.Allowance] };
}
