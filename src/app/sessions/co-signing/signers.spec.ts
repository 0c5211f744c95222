import { ALICE, BOB } from '../state/testing/session-fixtures';
import type { OperationContent } from './operation';
import { signingProgress, signingRule } from './signers';

const CAROL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const definition = {
  application: 'nitrolite-sessions',
  protocol: 'NitroRPC/0.4',
  participants: [ALICE, BOB, CAROL],
  weights: [33, 33, 34],
  quorum: 51,
  challenge: 0,
  nonce: 1,
};
const six = () => 6;
const split = (a: string, b: string, c: string) => [
  { participant: ALICE, asset: 'usdc', amount: a },
  { participant: BOB, asset: 'usdc', amount: b },
  { participant: CAROL, asset: 'usdc', amount: c },
];
const content = (kind: OperationContent['kind'], allocations = split('5', '5', '0')) => ({
  kind,
  sessionId: '0x1',
  baseVersion: 2,
  allocations,
  sessionData: null,
  definition: kind === 'create' ? definition : null,
});

describe('who must sign', () => {
  it('a close needs weights reaching the quorum, each wallet counted once', () => {
    const rule = signingRule(content('close'), definition, split('5', '5', '0'), six);
    expect(rule.quorum).toBe(51);
    expect(rule.needs.every((need) => !need.required)).toBeTrue();
    const alone = signingProgress(rule, [ALICE, ALICE.toLowerCase()]);
    expect(alone.weight).toBe(33);
    expect(alone.complete).toBeFalse();
    expect(alone.pending.map((need) => need.wallet)).toEqual([BOB, CAROL]);
    expect(signingProgress(rule, [ALICE, BOB]).complete).toBeTrue();
    expect(signingProgress(rule, ['0x000000000000000000000000000000000000dEaD']).weight).toBe(0);
  });

  it('a create needs every funded participant and nobody else', () => {
    const rule = signingRule(content('create'), definition, [], six);
    expect(rule.quorum).toBe(0);
    expect(rule.needs.filter((need) => need.required).map((need) => need.wallet)).toEqual([
      ALICE,
      BOB,
    ]);
    expect(signingProgress(rule, [ALICE]).missingRequired).toEqual([BOB]);
    expect(signingProgress(rule, [ALICE, BOB]).complete).toBeTrue();
    // Nothing funded: still one signature, the node refuses a create nobody signed.
    const empty = signingRule(content('create', split('0', '0', '0')), definition, [], six);
    expect(signingProgress(empty, []).complete).toBeFalse();
    expect(signingProgress(empty, [CAROL]).complete).toBeTrue();
  });

  it('a deposit needs each participant whose share grows, plus the quorum', () => {
    const before = split('5', '5', '0');
    const rule = signingRule(content('deposit', split('5', '5', '2.5')), definition, before, six);
    expect(rule.needs.find((need) => need.wallet === CAROL)?.required).toBeTrue();
    expect(signingProgress(rule, [ALICE, BOB]).missingRequired).toEqual([CAROL]);
    expect(signingProgress(rule, [CAROL]).complete).toBeFalse();
    expect(signingProgress(rule, [CAROL, ALICE]).complete).toBeTrue();
  });
});
