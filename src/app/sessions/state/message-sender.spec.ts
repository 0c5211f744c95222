import { TestBed } from '@angular/core/testing';
import { Wallet } from 'ethers';
import { verifySender } from './attested-sender';
import { AuthTypes, readAttestation } from './message-sender';
import { APPLICATION, attest, AUTH_TYPES, LATER } from './testing/attestation.spec-helper';
import { NitroliteSdkLoader } from '../../core';

describe('verifySender', () => {
  const alice = Wallet.createRandom();
  const bob = Wallet.createRandom();
  const carol = Wallet.createRandom();
  const bobKey = Wallet.createRandom();
  const participants = [alice.address, bob.address];
  const nowMs = 1_800_000_000_000;
  let types: AuthTypes;

  beforeAll(async () => {
    const sdk = await TestBed.inject(NitroliteSdkLoader).load();
    types = sdk.EIP712AuthTypes as unknown as AuthTypes;
  });

  const check = (attestation: unknown, signer = bobKey.address, who = participants) =>
    verifySender({
      signer,
      attestation,
      participants: who,
      application: APPLICATION,
      types,
      nowMs,
    });

  it('uses the same Policy types in its fixtures as the SDK', () => {
    expect(JSON.parse(JSON.stringify(types))).toEqual(JSON.parse(JSON.stringify(AUTH_TYPES)));
  });

  it("accepts a participant's attestation of the key that signed the message", () => {
    expect(check(attest(bob, bobKey.address))).toEqual({
      verified: true,
      wallet: bob.address,
      expiresAt: LATER,
    });
    // Participants compared in checksummed form, whatever case the node used.
    expect(
      check(
        attest(bob, bobKey.address),
        bobKey.address,
        participants.map((p) => p.toLowerCase()),
      ),
    ).toEqual(jasmine.objectContaining({ verified: true, wallet: bob.address }));
  });

  it('accepts a message signed by a participant wallet itself without attestation', () => {
    expect(check(null, alice.address)).toEqual({
      verified: true,
      wallet: alice.address,
      expiresAt: null,
    });
  });

  it('refuses tampered Policy data', () => {
    const attestation = attest(bob, bobKey.address);
    const tampered = {
      ...attestation,
      policy: { ...attestation.policy, allowances: [{ asset: 'ytest.usd', amount: '1000' }] },
    };
    expect(check(tampered)).toEqual({ verified: false, reason: 'signature-mismatch' });
    expect(check({ ...attestation, signature: '0x' + '11'.repeat(65) })).toEqual({
      verified: false,
      reason: 'signature-mismatch',
    });
    expect(check({ ...attestation, application: 'another-app' })).toEqual({
      verified: false,
      reason: 'signature-mismatch',
    });
    expect(check(attest(bob, bobKey.address, {}, 'another-app'))).toEqual({
      verified: false,
      reason: 'signature-mismatch',
    });
  });

  it('refuses an attestation signed by another wallet than the one it names', () => {
    // Carol signs a Policy claiming to be Alice's.
    expect(check(attest(carol, bobKey.address, { wallet: alice.address }))).toEqual({
      verified: false,
      reason: 'signature-mismatch',
    });
    // A lowercase wallet is not the checksummed string the signature recovers to.
    expect(check(attest(bob, bobKey.address, { wallet: bob.address.toLowerCase() }))).toEqual({
      verified: false,
      reason: 'signature-mismatch',
    });
  });

  it("refuses a valid attestation from a wallet that is not one of the session's participants", () => {
    expect(check(attest(carol, bobKey.address))).toEqual({
      verified: false,
      reason: 'not-participant',
    });
  });

  it('refuses an expired session key', () => {
    expect(check(attest(bob, bobKey.address, { expires_at: nowMs / 1000 }))).toEqual({
      verified: false,
      reason: 'key-expired',
    });
    expect(check(attest(bob, bobKey.address, { expires_at: nowMs / 1000 + 1 }))).toEqual(
      jasmine.objectContaining({ verified: true }),
    );
  });

  it('refuses an attestation of another key than the one that signed the message', () => {
    // Alice's real attestation replayed on a message signed by a key that is not hers.
    const alicesKey = Wallet.createRandom();
    expect(check(attest(alice, alicesKey.address))).toEqual({
      verified: false,
      reason: 'signature-mismatch',
    });
  });

  it('says when there is no attestation or it is malformed', () => {
    expect(check(null)).toEqual({ verified: false, reason: 'no-attestation' });
    expect(check(undefined)).toEqual({ verified: false, reason: 'no-attestation' });
    expect(check({ application: APPLICATION, signature: '0x' })).toEqual({
      verified: false,
      reason: 'no-attestation',
    });
    const attestation = attest(bob, bobKey.address);
    expect(
      check({ ...attestation, policy: { ...attestation.policy, expires_at: '4000000000' } }),
    ).toEqual({ verified: false, reason: 'no-attestation' });
    expect(readAttestation(JSON.parse(JSON.stringify(attestation)))).toEqual(attestation);
  });
});
