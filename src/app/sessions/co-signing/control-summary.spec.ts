import { ALICE, BOB } from '../state/testing/session-fixtures';
import { controlSummary } from './control-summary';

const CAROL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const definition = (weights: number[], quorum: number) => ({
  application: 'nitrolite-sessions',
  protocol: 'NitroRPC/0.4',
  participants: [ALICE, BOB, CAROL].slice(0, weights.length),
  weights,
  quorum,
  challenge: 0,
  nonce: 1,
});

describe('who can move the funds without whom', () => {
  it('names whoever reaches the quorum alone, in words', () => {
    expect(controlSummary(definition([100, 0], 100), BOB)).toEqual([
      '0xf39F…2266 alone reaches the quorum: they can update or close the session and pay everything to anyone.',
      'You have no weight: your approval is not needed and does not count.',
    ]);
  });

  it('says how many must agree when no one decides alone', () => {
    expect(controlSummary(definition([33, 33, 34], 51), ALICE)).toEqual([
      'No one decides alone: it takes at least 2 participants whose weights add up to 51 of 100, and those who do can pay everything to anyone.',
    ]);
    expect(controlSummary(definition([50, 50], 100), ALICE)).toEqual([
      'Every participant with weight must approve each update and the close.',
    ]);
  });

  it('warns about a quorum of 0 and an unreachable one', () => {
    expect(controlSummary(definition([50, 50], 0), ALICE)[0]).toContain('anyone signed in');
    expect(controlSummary(definition([50, 50], 101), ALICE)[0]).toContain('No one can update');
  });
});
