import {
  Signature,
  SigningKey,
  Wallet,
  computeAddress,
  getAddress,
  hexlify,
  isAddress,
  keccak256,
  randomBytes,
  recoverAddress,
  toUtf8Bytes,
} from 'ethers';
import { isAddressWithValidChecksum, toChecksumAddress } from './eip55';
import { keccak256OfText } from './keccak';
import {
  addressOfPrivateKey,
  randomPrivateKey,
  recoverDigestSigner,
  signDigest,
} from './secp256k1';

/** ethers is the reference: the app's own secp256k1 and keccak must give its bytes exactly. */
describe('crypto against ethers', () => {
  const texts = ['', 'a', '{"req":[1,"ping",{},2]}', 'naïve ☃ 𝄞', '\u2028<&>'];

  it('hashes texts as ethers does', () => {
    for (const text of texts) expect(keccak256OfText(text)).toBe(keccak256(toUtf8Bytes(text)));
  });

  it('signs digests with the same bytes as ethers, and recovers the same signer', () => {
    for (let i = 0; i < 40; i++) {
      const privateKey = hexlify(randomBytes(32));
      const digest = hexlify(randomBytes(32));
      const signature = signDigest(privateKey, digest);
      expect(signature).toBe(new SigningKey(privateKey).sign(digest).serialized);
      expect(addressOfPrivateKey(privateKey)).toBe(computeAddress(privateKey));
      expect(recoverDigestSigner(digest, signature)).toBe(recoverAddress(digest, signature));
      expect(recoverDigestSigner(digest, signature)).toBe(computeAddress(privateKey));
    }
  });

  it('accepts v as 0/1 as well as 27/28, as ethers does', () => {
    const wallet = Wallet.createRandom();
    const digest = keccak256OfText('v');
    const signature = signDigest(wallet.privateKey, digest);
    const yParity = Signature.from(signature).yParity;
    const raw = signature.slice(0, -2) + (yParity ? '01' : '00');
    expect(recoverDigestSigner(digest, raw)).toBe(wallet.address);
  });

  it('refuses signatures that are malformed, non-canonical or of a wrong v', () => {
    const wallet = Wallet.createRandom();
    const digest = keccak256OfText('bad');
    const good = signDigest(wallet.privateKey, digest);
    const highS = good.slice(0, 66) + 'f' + good.slice(67);
    const badV = good.slice(0, -2) + '1d';
    for (const bad of [
      good.slice(0, -2),
      good + '00',
      'nothex',
      highS,
      badV,
      '0x' + '00'.repeat(65),
    ])
      expect(() => recoverDigestSigner(digest, bad))
        .withContext(bad)
        .toThrow();
    expect(() => signDigest('0x1234', digest)).toThrow();
    expect(() => signDigest(wallet.privateKey, '0x1234')).toThrow();
  });

  it('makes fresh private keys that sign', () => {
    const a = randomPrivateKey();
    const b = randomPrivateKey();
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(addressOfPrivateKey(a)).toBe(computeAddress(a));
  });

  it('checksums and checks addresses as ethers does, in every case', () => {
    for (let i = 0; i < 60; i++) {
      const address = hexlify(randomBytes(20));
      const checksummed = getAddress(address);
      const flipped = checksummed.replace(/[a-fA-F]/, (c) =>
        c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase(),
      );
      for (const form of [
        address,
        address.toUpperCase().replace('0X', '0x'),
        checksummed,
        flipped,
      ]) {
        expect(isAddressWithValidChecksum(form)).withContext(form).toBe(isAddress(form));
        if (isAddress(form)) expect(toChecksumAddress(form.toLowerCase())).toBe(checksummed);
      }
    }
    for (const bad of ['', '0x', '0x123', 'x'.repeat(42), '0x' + 'g'.repeat(40)]) {
      expect(isAddressWithValidChecksum(bad)).toBeFalse();
      expect(() => toChecksumAddress(bad)).toThrow();
    }
  });
});
