import { BaseWallet, keccak256, toUtf8Bytes } from 'ethers';
import { Subject } from 'rxjs';
import {
  ClearNodeClient,
  RelayedMessage,
  RpcPush,
  RpcRequest,
  SessionKeySigner,
} from '../../../core';

/**
 * A promise that settles synchronously, so that effects built on `from(promise)` run inside
 * the TestScheduler's virtual time. Its `then` returns another such promise, as `from` expects.
 */
export function settled<T>(value: T): Promise<T> {
  return {
    then: (onValue?: (v: T) => unknown) => settled(onValue ? onValue(value) : value),
  } as unknown as Promise<T>;
}

export function refused(error: unknown): Promise<never> {
  return {
    then: (_onValue?: unknown, onError?: (e: unknown) => unknown) =>
      onError ? settled(onError(error)) : refused(error),
  } as unknown as Promise<never>;
}

export interface FakeClearNode {
  client: jasmine.SpyObj<ClearNodeClient>;
  pushes: Subject<RpcPush>;
  relayed: Subject<RelayedMessage>;
}

export function fakeClearNode(): FakeClearNode {
  const pushes = new Subject<RpcPush>();
  const relayed = new Subject<RelayedMessage>();
  const client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', [
    'buildRequest',
    'request',
    'send',
  ]);
  // Plain writable properties, so that a test can swap in a cold observable.
  Object.assign(client, { pushes$: pushes, relayedMessages$: relayed });
  client.buildRequest.and.callFake(
    (method, params) => [42, method, params, 1_700_000_000_000] as RpcRequest,
  );
  client.send.and.callFake((req) =>
    settled({ id: req[0], method: req[1], params: {}, timestamp: 1 }),
  );
  return { client, pushes, relayed };
}

/** Signs like the session-key signer: secp256k1 over keccak256 of the compact `req` JSON. */
export function signWith(key: BaseWallet, req: RpcRequest): string {
  return key.signingKey.sign(keccak256(toUtf8Bytes(JSON.stringify(req)))).serialized;
}

export function fakeSigner(key: BaseWallet): jasmine.SpyObj<SessionKeySigner> {
  const signer = jasmine.createSpyObj<SessionKeySigner>('SessionKeySigner', ['signRequest']);
  signer.signRequest.and.callFake((req) => settled(signWith(key, req)));
  return signer;
}
