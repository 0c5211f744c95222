/**
 * A participant signed in through the real auth flow, keeping what the app keeps from it: the
 * wallet's EIP-712 Policy for its session key, which every in-session message carries so that
 * receivers can tie the key to the wallet.
 */
import {
  createEIP712AuthMessageSigner,
  parseAuthChallengeResponse,
  RPCMethod,
} from '@erc7824/nitrolite';
import {
  newWallet,
  signIn,
  TestClient,
  walletClientOf,
  type SignedIn,
} from '../../test/support/client.ts';

export const APPLICATION = 'nitrolite-sessions';
const SCOPE = 'app.create';
const ALLOWANCES = [{ asset: 'usdc', amount: '1000' }];

/** The wallet's attestation of its session key, as the app sends it in `params.sender`. */
export interface Attestation {
  readonly application: string;
  readonly policy: {
    readonly challenge: string;
    readonly scope: string;
    readonly wallet: string;
    readonly session_key: string;
    readonly expires_at: number;
    readonly allowances: readonly { readonly asset: string; readonly amount: string }[];
  };
  readonly signature: string;
}

export interface AttestedUser extends SignedIn {
  readonly attestation: Attestation;
}

export async function attestedSignIn(url: string): Promise<AttestedUser> {
  const wallet = newWallet();
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const client = await TestClient.connect(url);
  const user = await signIn(
    url,
    wallet,
    {
      application: APPLICATION,
      scope: SCOPE,
      allowances: ALLOWANCES,
      expiresAt: BigInt(expiresAt),
    },
    client,
  );
  const challengeFrame = client.frames.find((f) => f.json.res?.[1] === RPCMethod.AuthChallenge);
  if (!challengeFrame) throw new Error('no auth_challenge was received');
  const challenge = parseAuthChallengeResponse(challengeFrame.raw).params.challengeMessage;
  // The same Policy the wallet signed for auth_verify; EIP-712 signatures are deterministic.
  const signPolicy = createEIP712AuthMessageSigner(
    walletClientOf(wallet),
    {
      scope: SCOPE,
      session_key: user.sessionKey.address,
      expires_at: BigInt(expiresAt),
      allowances: ALLOWANCES,
    },
    { name: APPLICATION },
  );
  const signature = await signPolicy([0, RPCMethod.AuthVerify, { challenge }, 0]);
  return {
    ...user,
    attestation: {
      application: APPLICATION,
      policy: {
        challenge,
        scope: SCOPE,
        wallet: wallet.address,
        session_key: user.sessionKey.address,
        expires_at: expiresAt,
        allowances: ALLOWANCES,
      },
      signature,
    },
  };
}
