import type { MethodSpec } from '../rpc/method.ts';
import type { NodeServices } from '../services.ts';
import type { Policy } from '../auth/jwt.ts';
import type { Allowance } from '../auth/session-keys.ts';
import { orFail, readParams } from '../rpc/method.ts';
import { RpcError, ParamsError } from '../rpc/rpc-error.ts';
import { asParams, readString, readUint64, readArray, type Params } from '../rpc/params.ts';
import { parseUuid } from '../auth/challenges.ts';
import { recoverPolicySigner } from '../auth/policy-signature.ts';
import { parseAmount, decimalParseError } from '../decimal.ts';

const PARSE_FAILED = 'failed to parse auth parameters';
/** Go cannot JSON-encode times past year 9999, so such expiries fail when the JWT is made. */
const MAX_EXPIRY_SECONDS = 253402300799;

function readAllowances(params: Params): Allowance[] {
  return readArray(params, 'allowances').map((item) => {
    const allowance = asParams(item);
    return { asset: readString(allowance, 'asset'), amount: readString(allowance, 'amount') };
  });
}

/** auth_request, auth_verify: EIP-712 Policy sign-in and JWT re-auth. */
export const authMethods: Record<string, MethodSpec> = {
  auth_request: {
    access: 'public',
    handler: (ctx, s) => {
      const request = readParams(ctx, PARSE_FAILED, (params) => {
        return {
          address: readString(params, 'address'),
          sessionKey: readString(params, 'session_key'),
          application: readString(params, 'application'),
          allowances: readAllowances(params),
          expiresAt: readUint64(params, 'expires_at'),
          scope: readString(params, 'scope'),
        };
      });
      const token = orFail('failed to generate challenge', () =>
        s.challenges.create(request, ctx.connection.id),
      );
      return { method: 'auth_challenge', params: { challenge_message: token } };
    },
  },

  auth_verify: {
    access: 'public',
    handler: (ctx, s) => {
      const { challenge, jwt } = readParams(ctx, PARSE_FAILED, (params) => {
        const challengeText = readString(params, 'challenge');
        const jwtText = readString(params, 'jwt');
        let uuid = '00000000-0000-0000-0000-000000000000';
        if ('challenge' in params && params.challenge !== null) {
          const parsed = parseUuid(challengeText);
          if (!parsed) throw new ParamsError('invalid challenge uuid');
          uuid = parsed;
        }
        return { challenge: uuid, jwt: jwtText };
      });
      let policy: Policy;
      let response: Record<string, unknown>;
      if (jwt !== '') {
        try {
          policy = s.jwt.verify(jwt);
          // Go checks the token only, so it outlives a revoked, replaced or expired session key.
          if (!s.strict) s.sessionKeys.activeKeyOfWallet(policy.session_key, policy.wallet);
        } catch {
          throw new RpcError('invalid JWT token');
        }
        s.authSessions.register(policy.wallet);
        response = { address: policy.wallet, session_key: policy.session_key, success: true };
      } else if (ctx.frame.signatures.length > 0) {
        ({ policy, response } = orFail('authentication failed', () =>
          verifyPolicySignature(s, challenge, ctx.frame.signatures[0]),
        ));
      } else {
        throw new RpcError('invalid authentication method: expected JWT or signature');
      }
      ctx.userId = policy.wallet;
      ctx.connection.policy = policy;
      return { method: 'auth_verify', params: response };
    },
  },
};

/** Go's handleAuthSigVerify, step by step (the challenge is spent even if a later step fails). */
function verifyPolicySignature(
  s: NodeServices,
  token: string,
  signature: string,
): { policy: Policy; response: Record<string, unknown> } {
  const challenge = s.challenges.get(token);
  if (!challenge) throw new RpcError('invalid challenge');
  let recovered: string;
  try {
    recovered = recoverPolicySigner(challenge, signature);
  } catch {
    throw new RpcError('invalid signature');
  }
  try {
    s.challenges.complete(token, recovered);
  } catch {
    throw new RpcError('invalid challenge or signature');
  }
  s.authSessions.register(recovered);
  s.userTags.ensure(challenge.address);
  if (challenge.expiresAt > MAX_EXPIRY_SECONDS) throw new RpcError('failed to generate JWT token');
  const policy: Policy = {
    wallet: challenge.address,
    session_key: challenge.sessionKey,
    scope: challenge.scope,
    application: challenge.application,
    allowance: challenge.allowances,
    expiration: new Date(challenge.expiresAt * 1000).toISOString().replace('.000Z', 'Z'),
  };
  const jwtToken = s.jwt.issue(policy);
  validateAllowances(s, challenge.allowances);
  if (!s.sessionKeys.exists(challenge.address, challenge.sessionKey)) {
    s.sessionKeys.add(
      challenge.address,
      challenge.sessionKey,
      challenge.application,
      challenge.scope,
      challenge.allowances,
      challenge.expiresAt * 1000,
    );
  }
  return {
    policy,
    response: {
      address: challenge.address,
      session_key: challenge.sessionKey,
      jwt_token: jwtToken,
      success: true,
    },
  };
}

function validateAllowances(s: NodeServices, allowances: Allowance[]): void {
  const supported = new Set(s.assets.map((a) => a.symbol));
  for (const allowance of allowances) {
    if (!supported.has(allowance.asset))
      throw new RpcError(`unsupported token: asset '${allowance.asset}' is not supported`);
    const amount = parseAmount(allowance.amount);
    if (amount === null) {
      throw new RpcError(
        `unsupported token: invalid amount '${allowance.amount}' for asset '${allowance.asset}': ${decimalParseError(allowance.amount)}`,
      );
    }
    if (amount < 0n)
      throw new RpcError(
        `unsupported token: allowance amount cannot be negative for asset '${allowance.asset}', got '${allowance.amount}'`,
      );
  }
}
