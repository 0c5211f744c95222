import { createHash } from 'node:crypto';
import { SigningKey, Signature } from 'ethers';
import type { BrokerSigner } from '../crypto/keccak-signer.ts';
import type { Allowance } from './session-keys.ts';

const SESSION_TTL_S = 24 * 60 * 60;
const ISSUER = 'clearnode';

export interface Policy {
  wallet: string;
  session_key: string;
  scope: string;
  application: string;
  allowance: Allowance[];
  expiration: string;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const sha256 = (text: string) => '0x' + createHash('sha256').update(text).digest('hex');

/**
 * JWTs like the Go node's: header ES256, but signed with the broker's secp256k1 key (r||s over
 * SHA-256 of the signing input). Clients treat it as opaque; only this node can verify it.
 */
export class JwtIssuer {
  #signer: BrokerSigner;
  #publicKey: string;

  constructor(signer: BrokerSigner) {
    this.#signer = signer;
    this.#publicKey = new SigningKey(signer.privateKey).publicKey;
  }

  issue(policy: Policy): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }));
    const claims = base64url(
      JSON.stringify({ policy, iss: ISSUER, exp: now + SESSION_TTL_S, nbf: now, iat: now }),
    );
    const { r, s } = this.#signer.signDigest(sha256(`${header}.${claims}`));
    const signature = base64url(
      Buffer.concat([Buffer.from(r.slice(2), 'hex'), Buffer.from(s.slice(2), 'hex')]),
    );
    return `${header}.${claims}.${signature}`;
  }

  /** Returns the policy of a valid token; throws for anything else (bad shape, signature, time, issuer). */
  verify(token: string): Policy {
    const parts = token.split('.');
    if (parts.length !== 3) throw new Error('malformed token');
    const [headerText, claimsText, signatureText] = parts;
    const header = JSON.parse(Buffer.from(headerText, 'base64url').toString('utf8')) as {
      alg?: string;
    };
    if (header.alg !== 'ES256') throw new Error('unexpected signing method');
    const signature = Buffer.from(signatureText, 'base64url');
    if (signature.length !== 64) throw new Error('bad signature length');
    const digest = sha256(`${headerText}.${claimsText}`);
    const r = '0x' + signature.subarray(0, 32).toString('hex');
    const s = '0x' + signature.subarray(32).toString('hex');
    const valid = [27, 28].some((v) => {
      try {
        return SigningKey.recoverPublicKey(digest, Signature.from({ r, s, v })) === this.#publicKey;
      } catch {
        return false;
      }
    });
    if (!valid) throw new Error('signature is invalid');
    const claims = JSON.parse(Buffer.from(claimsText, 'base64url').toString('utf8')) as {
      policy?: Policy;
      iss?: string;
      exp?: number;
      nbf?: number;
    };
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now) throw new Error('expired JWT token');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 1)
      throw new Error('token not valid yet');
    if (claims.iss !== ISSUER) throw new Error('invalid JWT token claims');
    if (!claims.policy || typeof claims.policy.wallet !== 'string')
      throw new Error('invalid JWT token claims');
    return claims.policy;
  }
}
