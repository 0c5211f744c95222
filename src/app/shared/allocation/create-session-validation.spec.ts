import * as fc from 'fast-check';
import { getAddress, hexlify } from 'ethers';
import { canReachQuorumAlone } from './quorum';
import {
  amountCellKey,
  CreateSessionDraft,
  validateCreateSession,
} from './create-session-validation';

const ME = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const CAROL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
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
    canCollectSignatures: false,
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
    expect(result.fundedByOthers).toBeFalse();
  });

  it('where signatures can be gathered, others fund through the opening deposit', () => {
    const result = validateCreateSession(
      draft({
        amountTexts: [{ 'ytest.usd': '1' }, { 'ytest.usd': '2' }],
        canCollectSignatures: true,
      }),
    );
    expect(result.ok).toBeTrue();
    expect(result.fundedByOthers).toBeTrue();
    expect(result.missingSignatures).toEqual([]);
    expect(result.requiredSigners).toEqual([
      { participant: ME, reason: 'You fund the session.' },
      {
        participant: BOB,
        reason: 'Funds the session: approves and signs the opening deposit in their own app.',
      },
    ]);
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

  it('refuses quorum 0: nobody would need to sign to move the funds', () => {
    const result = validateCreateSession(draft({ quorumText: '0' }));
    expect(result.valid).toBeFalse();
    expect(result.quorumError).toBe(
      'The quorum must be at least 1: with 0, no signature at all would be needed to move the funds.',
    );
    expect(result.reasons).toContain(result.quorumError!);
    expect(result.definition).toBeNull();
    expect(validateCreateSession(draft({ quorumText: ' 00 ' })).valid).toBeFalse();
    expect(validateCreateSession(draft({ quorumText: '1' })).valid).toBeTrue();
  });

  it('refuses the same participant twice, whatever the letter case, next to the later one', () => {
    for (const [texts, at, earlier] of [
      [[ME, ME.toLowerCase()], 1, 1],
      [[ME, BOB, BOB.toLowerCase()], 2, 2],
      [[ME, BOB, '0x' + BOB.slice(2).toUpperCase()], 2, 2],
      [[ME, BOB, CAROL, ` ${BOB} `], 3, 2],
    ] as const) {
      const result = validateCreateSession(
        draft({
          participantTexts: texts,
          weightTexts: texts.map((_, i) => (i === 0 ? '100' : '0')),
        }),
      );
      expect(result.valid).withContext(texts.join(',')).toBeFalse();
      expect(result.participantErrors[at]).toBe(`Already listed as participant ${earlier}.`);
      expect(result.participantErrors.filter((error) => error !== null).length).toBe(1);
      expect(result.reasons).toContain(
        `Participant ${at + 1}: Already listed as participant ${earlier}.`,
      );
    }
  });

  describe('funds I could not get back alone', () => {
    const equalPeers = { weightTexts: ['50', '50'], quorumText: '100' };
    const LOCK =
      'You put funds in, but your weight (50) does not reach the quorum (100): updating or closing this session would need the other participants’ signatures, and they cannot be collected here: this ClearNode does not relay messages between participants. Put in nothing, or choose weights where yours alone reaches the quorum.';

    it('refuses a session I fund whose quorum I cannot reach alone', () => {
      const result = validateCreateSession(draft(equalPeers));
      expect(result.valid).toBeFalse();
      expect(result.ok).toBeFalse();
      expect(result.fundingError).toBe(LOCK);
      expect(result.reasons).toContain(LOCK);
      expect(result.definition).toBeNull();
      const majority = validateCreateSession(
        draft({ weightTexts: ['49', '51'], quorumText: '51' }),
      );
      expect(majority.fundingError).toContain('your weight (49) does not reach the quorum (51)');
    });

    it('allows it when I put nothing in, or when my weight alone reaches the quorum', () => {
      const unfunded = validateCreateSession(draft({ ...equalPeers, amountTexts: [{}, {}] }));
      expect(unfunded.fundingError).toBeNull();
      expect(unfunded.ok).toBeTrue();
      expect(
        validateCreateSession(draft({ ...equalPeers, amountTexts: [{ 'ytest.usd': '0.000' }, {}] }))
          .ok,
      ).toBeTrue();
      const alone = validateCreateSession(draft({ weightTexts: ['60', '40'], quorumText: '60' }));
      expect(alone.fundingError).toBeNull();
      expect(alone.ok).toBeTrue();
    });

    it('allows it once the other participants’ signatures can be collected', () => {
      const result = validateCreateSession(draft({ ...equalPeers, canCollectSignatures: true }));
      expect(result.fundingError).toBeNull();
      expect(result.ok).toBeTrue();
    });
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
        fc.constantFrom('', '0', '1'),
        (participants, weights, quorum, nonce, myAmount) => {
          const result = validateCreateSession(
            draft({
              participantTexts: [ME, ...participants],
              weightTexts: weights,
              quorumText: String(quorum),
              nonce,
              amountTexts: [{ 'ytest.usd': myAmount }],
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
          expect(definition.quorum).toBeGreaterThanOrEqual(1);
          // Money I put in, I can always get back on my own signature.
          if (myAmount === '1') expect(canReachQuorumAlone(definition, ME)).toBeTrue();
          expect(new Set(definition.participants.map((p) => p.toLowerCase())).size).toBe(
            definition.participants.length,
          );
          expect(definition.participants.every((p) => p === getAddress(p))).toBeTrue();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a well-formed session is refused only for quorum 0, or for funds I could not get back alone', () => {
    const others = fc.uniqueArray(
      fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => getAddress(hexlify(bytes))),
      { minLength: 1, maxLength: 3, selector: (address) => address.toLowerCase() },
    );
    fc.assert(
      fc.property(
        others.filter(
          (list) => !list.some((address) => address.toLowerCase() === ME.toLowerCase()),
        ),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
        fc.nat(),
        fc.constantFrom('', '0', '0.5', '10'),
        fc.boolean(),
        (others, weightPool, quorumSeed, myAmount, canCollectSignatures) => {
          const weights = weightPool.slice(0, others.length + 1);
          const sum = weights.reduce((a, b) => a + b, 0);
          const quorum = quorumSeed % (sum + 1);
          const result = validateCreateSession(
            draft({
              participantTexts: [ME, ...others],
              weightTexts: weights.map(String),
              quorumText: String(quorum),
              amountTexts: [{ 'ytest.usd': myAmount }],
              canCollectSignatures,
            }),
          );
          const funds = myAmount === '0.5' || myAmount === '10';
          const locked = funds && weights[0] < quorum && !canCollectSignatures;
          expect(result.valid).toBe(quorum >= 1 && !locked);
          expect(result.quorumError !== null).toBe(quorum === 0);
          expect(result.fundingError !== null).toBe(quorum >= 1 && locked);
        },
      ),
      { numRuns: 300 },
    );
  });
});
