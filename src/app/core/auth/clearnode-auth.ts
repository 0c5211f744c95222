import { Injectable, inject } from '@angular/core';
import { ClearNodeClient } from '../clearnode/clearnode-client';
import { NitroliteSdkLoader } from '../clearnode/nitrolite-sdk';
import { checksumAddress } from '../../shared/money/address';
import type { StorageScope } from '../storage/storage-keys';
import type { Allowance } from './allowance';
import { APPLICATION_NAME, AUTH_SCOPE } from './application';
import { policyTypedData, type PolicyTypedData } from './policy-typed-data';
import { generateSessionKey } from './session-key';
import { sessionKeyAttestation } from './session-key-attestation';
import { SessionKeySigner } from './session-key-signer';
import { SessionKeyStore } from './session-key.store';
import { isExpired, type StoredSession } from './stored-session';

/** Asks the wallet for one EIP-712 signature (eth_signTypedData_v4). */
export type TypedDataSigner = (typedData: PolicyTypedData) => Promise<string>;

export interface SignInRequest {
  readonly scope: StorageScope;
  readonly allowances: readonly Allowance[];
  /** Unix seconds. */
  readonly expiresAt: number;
  /** What the person chose; a renewal asks for as long again. */
  readonly lifetimeSeconds: number;
  readonly signTypedData: TypedDataSigner;
}

/** Thrown when there is nothing stored to sign in with silently. */
export class NoStoredSessionError extends Error {
  override readonly name = 'NoStoredSessionError';
}

/**
 * Sign-in to the ClearNode: register a fresh session key with the wallet's EIP-712 Policy
 * signature, or resume with the stored JWT; then sign everything with the session key.
 */
@Injectable({ providedIn: 'root' })
export class ClearNodeAuth {
  private readonly client = inject(ClearNodeClient);
  private readonly signer = inject(SessionKeySigner);
  private readonly store = inject(SessionKeyStore);
  private readonly sdk = inject(NitroliteSdkLoader);

  /** One wallet prompt. Resolves with what was stored. */
  async signIn(request: SignInRequest): Promise<StoredSession> {
    const wallet = checksumAddress(request.scope.wallet);
    const sessionKey = generateSessionKey();
    const allowances = request.allowances.map(({ asset, amount }) => ({ asset, amount }));
    const challenge = await this.client.request<{ challenge_message?: string }>('auth_request', {
      address: wallet,
      session_key: sessionKey.address,
      application: APPLICATION_NAME,
      allowances,
      expires_at: request.expiresAt,
      scope: AUTH_SCOPE,
    });
    if (!challenge.challenge_message) throw new Error('The ClearNode sent no sign-in challenge.');
    // The Policy types come from the SDK, loaded now: only a sign-in needs them.
    const { EIP712AuthTypes } = await this.sdk.load();
    const typedData = policyTypedData(EIP712AuthTypes, APPLICATION_NAME, {
      challenge: challenge.challenge_message,
      scope: AUTH_SCOPE,
      wallet,
      session_key: sessionKey.address,
      expires_at: request.expiresAt,
      allowances,
    });
    const walletSignature = await request.signTypedData(typedData);
    const verifyReq = this.client.buildRequest('auth_verify', {
      challenge: challenge.challenge_message,
    });
    const verified = await this.client.send(verifyReq, [walletSignature]);
    const jwt = readJwt(verified.params);
    const session: StoredSession = {
      sessionKey,
      application: APPLICATION_NAME,
      expiresAt: request.expiresAt,
      lifetimeSeconds: request.lifetimeSeconds,
      allowances,
      jwt,
      attestation: sessionKeyAttestation(APPLICATION_NAME, typedData.message, walletSignature),
    };
    this.store.save(request.scope, session);
    this.signer.use(sessionKey, wallet);
    return session;
  }

  /** The session stored for this node + wallet, if it can still be used. */
  storedSession(scope: StorageScope): StoredSession | null {
    const session = this.store.load(scope);
    return session?.jwt && session.application === APPLICATION_NAME && !isExpired(session)
      ? session
      : null;
  }

  /** No wallet prompt: re-authenticates this connection with the stored JWT. */
  async resume(scope: StorageScope): Promise<StoredSession> {
    const session = this.store.load(scope);
    if (!session?.jwt || session.application !== APPLICATION_NAME) {
      throw new NoStoredSessionError(
        'This browser has no sign-in stored for this wallet and node.',
      );
    }
    if (isExpired(session)) {
      this.store.forget(scope);
      throw new NoStoredSessionError('Your session key has expired.');
    }
    await this.client.request('auth_verify', { jwt: session.jwt });
    this.signer.use(session.sessionKey, checksumAddress(scope.wallet));
    return session;
  }

  /** Revokes the session key on the node (best effort) and forgets key and JWT. */
  async signOut(scope: StorageScope): Promise<{ revoked: boolean; error?: string }> {
    const session = this.store.load(scope);
    let outcome: { revoked: boolean; error?: string } = { revoked: false };
    if (session && this.signer.address === session.sessionKey.address) {
      try {
        await this.client.request(
          'revoke_session_key',
          { session_key: session.sessionKey.address },
          { signed: true },
        );
        outcome = { revoked: true };
      } catch (error) {
        outcome = { revoked: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    this.forget(scope);
    return outcome;
  }

  /**
   * Whether the node still lists this tab's session key for the wallet. A sign-in with the same
   * wallet and application elsewhere replaces it (one key per wallet and application).
   */
  async listsSessionKey(): Promise<boolean> {
    const address = this.signer.address;
    if (!address) return false;
    const answer = await this.client.request<{ session_keys?: { session_key?: unknown }[] }>(
      'get_session_keys',
      {},
      { signed: true },
    );
    const keys = Array.isArray(answer?.session_keys) ? answer.session_keys : [];
    return keys.some(
      (key) =>
        typeof key?.session_key === 'string' &&
        key.session_key.toLowerCase() === address.toLowerCase(),
    );
  }

  /**
   * The node replaced our key: forget it (its JWT would resume a key nobody accepts) and refuse
   * to sign with it, so no write goes out with a dead key.
   */
  retire(scope: StorageScope): void {
    // Another tab of this browser may have stored a newer key already: that one stays.
    const stored = this.store.load(scope);
    if (stored && stored.sessionKey.address === this.signer.address) this.store.forget(scope);
    this.signer.retire();
  }

  /** Forgets locally only (a refused JWT, an expired key). */
  forget(scope: StorageScope): void {
    this.store.forget(scope);
    this.signer.use(null);
  }

  /** Stops signing without forgetting (another wallet takes over this tab). */
  leave(): void {
    this.signer.use(null);
  }
}

function readJwt(params: unknown): string | null {
  const token = (params as { jwt_token?: unknown } | null)?.jwt_token;
  return typeof token === 'string' && token !== '' ? token : null;
}
