import * as fc from 'fast-check';
import { getAddress, hexlify } from 'ethers';
import {
  amountCellKey,
  CreateSessionDraft,
  validateCreateSession,
} from './create-session-validation';

const ME = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const USD = { symbol: 'ytest.usd', decimals: 6 };

function draft(overrides: Partial<CreateSessionDraft> = {}): CreateSessionDraft {
  return {
    me: ME,
    application: 'nitrolite-sessions',
    protocol: 'NitroRPC/0.4',
    participantTexts: [ME, BOB],
    weightTexts: ['100', '0'],
    quorumText: '100',
    challenge: 0,
    nonce: 1_700_000_000_000,
    assets: [USD],
    amountTexts: [{ 'ytest.usd': '10' }, { 'ytest.usd': '' }],
    myBalances: { 'ytest.usd': '100' },
    myAllowances: { 'ytest.usd': '50' },
    ...overrides,
  };
}

describe('create session validation', () => {
  it('accepts a session only I fund and builds the definition and allocations', () => {
    const result = validateCreateSession(draft());
    expect(result.reasons).toEqual([]);
    expect(result.ok).toBeTrue();
    expect(result.canDecideAlone).toBeTrue();
    expect(result.definition).toEqual({
      application: 'nitrolite-sessions',
      protocol: 'NitroRPC/0.4',
      participants: [ME, BOB],
      weights: [100, 0],
      quorum: 100,
      challenge: 0,
      nonce: 1_700_000_000_000,
    });
    expect(result.allocations).toEqual([
      { participant: ME, asset: 'ytest.usd', amount: '10' },
      { participant: BOB, asset: 'ytest.usd', amount: '0' },
    ]);
    expect(result.requiredSigners).toEqual([{ participant: ME, reason: 'You fund the session.' }]);
  });

  it('lists whose signatures are missing when someone else funds', () => {
    const result = validateCreateSession(
      draft({ amountTexts: [{ 'ytest.usd': '1' }, { 'ytest.usd': '2' }] }),
    );
    expect(result.valid).toBeTrue();
    expect(result.ok).toBeFalse();
    expect(result.missingSignatures).toEqual([
      { participant: BOB, reason: 'Funds the session: the node requires their signature.' },
    ]);
    expect(
      validateCreateSession(
        draft({ amountTexts: [{ 'ytest.usd': '1' }, { 'ytest.usd': '2' }], signaturesFrom: [BOB] }),
      ).ok,
    ).toBeTrue();
  });

  it('applies the node rules with clear reasons', () => {
    expect(validateCreateSession(draft({ protocol: 'NitroRPC/0.2' })).reasons).toContain(
      'Protocol must be NitroRPC/0.4.',
    );
    expect(
      validateCreateSession(
        draft({ participantTexts: [ME], weightTexts: ['1'], amountTexts: [{}] }),
      ).reasons,
    ).toContain('A session needs at least 2 participants.');
    expect(validateCreateSession(draft({ weightTexts: ['100'] })).reasons).toContain(
      'Each participant needs exactly one weight.',
    );
    expect(validateCreateSession(draft({ nonce: 0 })).reasons).toContain(
      'The nonce must be a positive number.',
    );
    expect(validateCreateSession(draft({ weightTexts: ['-1', '0'] })).weightErrors[0]).toBe(
      'A weight cannot be negative.',
    );
    expect(validateCreateSession(draft({ weightTexts: ['1.5', '0'] })).weightErrors[0]).toBe(
      'A weight is a whole number.',
    );
    expect(validateCreateSession(draft({ quorumText: '101' })).quorumError).toBe(
      'The quorum (101) cannot be greater than the sum of the weights (100).',
    );
    expect(validateCreateSession(draft({ participantTexts: [ME, ME] })).participantErrors[1]).toBe(
      'Already listed as participant 1.',
    );
    expect(
      validateCreateSession(draft({ participantTexts: [ME, BOB.toLowerCase()] })).valid,
    ).toBeTrue();
    expect(
      validateCreateSession(
        draft({ participantTexts: [ME, '0x70997970c51812dc3A010C7d01b50e0d17dc79C8'] }),
      ).participantErrors[1],
    ).toContain('checksum');
    expect(
      validateCreateSession(draft({ participantTexts: [BOB, '0x' + '22'.repeat(20)] })).reasons,
    ).toContain('Your own address must be one of the participants.');
  });

  it('keeps my funding within my balance and my session-key allowance', () => {
    const tooMuch = validateCreateSession(draft({ amountTexts: [{ 'ytest.usd': '101' }, {}] }));
    expect(tooMuch.amountErrors[amountCellKey(0, 'ytest.usd')]).toBe(
      'More than your unified balance (100 ytest.usd).',
    );
    const overAllowance = validateCreateSession(
      draft({ amountTexts: [{ 'ytest.usd': '60' }, {}] }),
    );
    expect(overAllowance.amountErrors[amountCellKey(0, 'ytest.usd')]).toBe(
      'More than your session key may still spend (50 ytest.usd).',
    );
    expect(
      validateCreateSession(draft({ amountTexts: [{ 'ytest.usd': '60' }, {}], myAllowances: null }))
        .ok,
    ).toBeTrue();
    expect(
      validateCreateSession(draft({ amountTexts: [{ 'ytest.usd': '1.0000001' }, {}] }))
        .amountErrors[amountCellKey(0, 'ytest.usd')],
    ).toBe('ytest.usd allows at most 6 decimals.');
    expect(
      validateCreateSession(draft({ amountTexts: [{ 'ytest.usd': '-1' }, {}] })).valid,
    ).toBeFalse();
  });

  it('property: whatever is accepted satisfies every node create rule', () => {
    const address = fc
      .uint8Array({ minLength: 20, maxLength: 20 })
      .map((bytes) => getAddress(hexlify(bytes)));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(address, fc.constant(ME), fc.constant(BOB)), {
          minLength: 0,
          maxLength: 4,
        }),
        fc.array(
          fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.constantFrom('x', '', '1.5')),
          { maxLength: 4 },
        ),
        fc.integer({ min: -1, max: 300 }),
        fc.integer({ min: -1, max: 5 }),
        (participants, weights, quorum, nonce) => {
          const result = validateCreateSession(
            draft({
              participantTexts: [ME, ...participants],
              weightTexts: weights,
              quorumText: String(quorum),
              nonce,
              amountTexts: [{ 'ytest.usd': '1' }],
            }),
          );
          if (!result.valid) return;
          const definition = result.definition!;
          const sum = definition.weights.reduce((a, b) => a + b, 0);
          expect(definition.participants.length).toBeGreaterThanOrEqual(2);
          expect(definition.weights.length).toBe(definition.participants.length);
          expect(definition.nonce).not.toBe(0);
          expect(
            definition.weights.every((weight) => Number.isInteger(weight) && weight >= 0),
          ).toBeTrue();
          expect(definition.quorum).toBeLessThanOrEqual(sum);
          expect(new Set(definition.participants.map((p) => p.toLowerCase())).size).toBe(
            definition.participants.length,
          );
          expect(definition.participants.every((p) => p === getAddress(p))).toBeTrue();
        },
      ),
      { numRuns: 300 },
    );
  });
});
