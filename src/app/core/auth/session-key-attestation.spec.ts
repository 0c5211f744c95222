import { TestBed } from '@angular/core/testing';
import { SigningKey, TypedDataEncoder, computeAddress, verifyTypedData } from 'ethers';
import { MemoryStorage } from '../../testing/memory-storage';
import { POLICY_STRUCT_TYPES } from '../../testing/policy-types';
import { ClearNodeClient } from '../clearnode/clearnode-client';
import type { RpcRequest, RpcResult } from '../clearnode/rpc-frame';
import { BROWSER_STORAGE } from '../storage/browser-storage.token';
import { APPLICATION_NAME } from './application';
import { ClearNodeAuth } from './clearnode-auth';
import { SessionKeyAttestations } from './session-key-attestation';
import { generateSessionKey } from './session-key';
import { SessionKeySigner } from './session-key-signer';
import { SessionKeyStore } from './session-key.store';

describe('SessionKeyAttestations', () => {
  const walletKey = new SigningKey('0x' + '0b'.repeat(32));
  const wallet = computeAddress(walletKey.publicKey);
  const scope = { nodeUrl: 'ws://127.0.0.1:8000/ws', wallet: wallet.toLowerCase() };
  const types = POLICY_STRUCT_TYPES;
  let client: jasmine.SpyObj<ClearNodeClient>;

  beforeEach(() => {
    client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', [
      'request',
      'buildRequest',
      'send',
    ]);
    client.buildRequest.and.callFake(
      (method, params) => [1, method, params, Date.now()] as RpcRequest,
    );
    client.request.and.resolveTo({ challenge_message: 'challenge-7' });
    client.send.and.callFake(
      async (req: RpcRequest) =>
        ({
          id: req[0],
          method: 'auth_verify',
          params: { jwt_token: 'jwt-7', success: true },
          timestamp: 0,
        }) as RpcResult,
    );
    TestBed.configureTestingModule({
      providers: [
        { provide: ClearNodeClient, useValue: client },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
  });

  async function signIn() {
    return TestBed.inject(ClearNodeAuth).signIn({
      scope,
      allowances: [{ asset: 'usdc', amount: '5' }],
      expiresAt: 1_900_000_000,
      lifetimeSeconds: 3600,
      signTypedData: async (typed) =>
        walletKey.sign(TypedDataEncoder.hash(typed.domain, types, typed.message)).serialized,
    });
  }

  it('keeps the signed Policy and the wallet signature with the session key, verifiable by anyone', async () => {
    const session = await signIn();
    const attestation = TestBed.inject(SessionKeyAttestations).current(scope)!;
    expect(attestation).toEqual({
      application: APPLICATION_NAME,
      policy: {
        challenge: 'challenge-7',
        scope: 'nitrolite-sessions',
        wallet,
        session_key: session.sessionKey.address,
        expires_at: 1_900_000_000,
        allowances: [{ asset: 'usdc', amount: '5' }],
      },
      signature: client.send.calls.first().args[1][0],
    });
    const policy = { ...attestation.policy, allowances: [...attestation.policy.allowances] };
    expect(
      verifyTypedData({ name: attestation.application }, types, policy, attestation.signature),
    ).toBe(wallet);
  });

  it('is reused on JWT re-auth', async () => {
    await signIn();
    const before = TestBed.inject(SessionKeyAttestations).current(scope);
    TestBed.inject(SessionKeySigner).use(null);
    await TestBed.inject(ClearNodeAuth).resume(scope);
    expect(TestBed.inject(SessionKeyAttestations).current(scope)).toEqual(before);
  });

  it('is absent for a sign-in stored before attestations were kept, or for another key than the one signing', async () => {
    await signIn();
    TestBed.inject(SessionKeySigner).use(generateSessionKey());
    expect(TestBed.inject(SessionKeyAttestations).current(scope)).toBeNull();

    const key = generateSessionKey();
    TestBed.inject(SessionKeyStore).save(scope, {
      sessionKey: key,
      application: APPLICATION_NAME,
      expiresAt: 1_900_000_000,
      allowances: [],
      jwt: 'j',
    });
    TestBed.inject(SessionKeySigner).use(key);
    expect(TestBed.inject(SessionKeyAttestations).current(scope)).toBeNull();
  });
});
