import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SigningKey, computeAddress, keccak256 } from 'ethers';
import {
  BrokerSigner,
  cryptoInUse,
  recoverDigestSigner,
  useCrypto,
} from '../src/crypto/keccak-signer.ts';
import { chooseSecp256k1, loadNative } from '../src/crypto/secp256k1.ts';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const hex32 = (value: bigint) => value.toString(16).padStart(64, '0');

/** What recovery gives under one backend: the address, or the error text. */
function outcome(name: 'native' | 'js', digest: string, signature: string): string {
  useCrypto(name);
  try {
    return recoverDigestSigner(digest, signature);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function both(digest: string, signature: string): string {
  const native = outcome('native', digest, signature);
  const js = outcome('js', digest, signature);
  assert.equal(native, js, `signature ${signature}`);
  return js;
}

test('the native secp256k1 binding loads on this machine (prebuilt, no compiler)', () => {
  const loaded = loadNative();
  assert.ok('backend' in loaded, 'error' in loaded ? loaded.error : '');
  assert.equal(useCrypto('native').name, 'native');
});

test('native and js sign byte for byte alike and recover the same signer, over random keys and messages', () => {
  try {
    for (let i = 0; i < 300; i++) {
      const key = '0x' + randomBytes(32).toString('hex');
      const data = randomBytes(1 + (i % 200));
      const digest = keccak256(data);
      const signatures = (['native', 'js'] as const).map((name) => {
        useCrypto(name);
        const signer = new BrokerSigner(key);
        return { frame: signer.sign(data), jwt: signer.signDigest(digest) };
      });
      assert.deepEqual(signatures[0], signatures[1]);
      const { frame } = signatures[0];
      assert.match(frame, /^0x[0-9a-f]{128}1[bc]$/);
      // Low s, as both promise.
      assert.ok(BigInt('0x' + frame.slice(66, 130)) <= N / 2n);
      assert.equal(both(digest, frame), computeAddress(new SigningKey(key).publicKey));
      // v given as 0/1 recovers the same signer.
      const v01 = frame.slice(0, 130) + (frame.endsWith('1b') ? '00' : '01');
      assert.equal(both(digest, v01), computeAddress(new SigningKey(key).publicKey));
    }
  } finally {
    useCrypto();
  }
});

test('malformed signatures give the same error (or the same signer) under both backends', () => {
  try {
    const key = new SigningKey('0x' + randomBytes(32).toString('hex'));
    const digest = keccak256(randomBytes(40));
    const good = key.sign(digest);
    const r = good.r.slice(2);
    const s = good.s.slice(2);
    const v = good.serialized.slice(130);
    const highS = hex32(N - BigInt('0x' + s));
    const cases = [
      '0x' + r + s + v,
      '0x' + r + s + v.toUpperCase(),
      ('0x' + r + s + v).toUpperCase().replace('0X', '0x'),
      '0x' + r + highS + v,
      '0x' + r + highS + (v === '1b' ? '1c' : '1b'),
      '0x' + hex32(0n) + s + v,
      '0x' + r + hex32(0n) + v,
      '0x' + hex32(N) + s + v,
      '0x' + r + hex32(N) + v,
      '0x' + hex32(N - 1n) + s + v,
      '0x' + 'f'.repeat(64) + s + v,
      '0x' + r + s + '1d',
      '0x' + r + s + '02',
      '0x' + r + s + 'zz',
      '0x' + r + s + '1g',
      '0x' + 'zz' + r.slice(2) + s + v,
      '0x' + r + s.slice(0, 62) + 'g1' + v,
      '0x' + r + s,
      '0x' + r + s + v + '00',
      '',
      '0x',
      'no' + r + s + v,
    ];
    for (const signature of cases) both(digest, signature);
    // Random 65-byte strings and single-byte changes of a good signature.
    for (let i = 0; i < 300; i++) {
      both(digest, '0x' + randomBytes(65).toString('hex'));
      const bytes = Buffer.from((r + s + v).slice(0), 'hex');
      bytes[i % 65] ^= 1 << (i % 8);
      both(digest, '0x' + bytes.toString('hex'));
      // An r that is no x coordinate on the curve, or a random one that is.
      both(digest, '0x' + randomBytes(32).toString('hex') + s + v);
    }
    assert.equal(both(digest, '0x' + r + highS + v).startsWith('error:'), true);
  } finally {
    useCrypto();
  }
});

test('the js path is chosen on request, and taken with the reason when the binary does not load', () => {
  try {
    assert.deepEqual(useCrypto('js'), { name: 'js' });
    assert.equal(cryptoInUse().name, 'js');
    const fallback = chooseSecp256k1('native', () => {
      throw new Error('no prebuilt binary for this platform');
    });
    assert.equal(fallback.backend.name, 'js');
    assert.equal(fallback.fallback, 'no prebuilt binary for this platform');
  } finally {
    useCrypto();
  }
});
