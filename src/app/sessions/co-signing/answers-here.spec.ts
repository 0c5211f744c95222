import { type AnswersHere, mergeAnswers } from './answers-here';

describe('mergeAnswers', () => {
  const answers = (overrides: Partial<AnswersHere> = {}): AnswersHere => ({
    approvedHere: {},
    declinedHere: {},
    signedVersions: {},
    ...overrides,
  });

  it('returns mine itself when the other copy adds nothing', () => {
    const mine = answers({ approvedHere: { a: '0x1' }, signedVersions: { 's:1': '0x1' } });
    expect(mergeAnswers(mine, answers({ approvedHere: { a: '0x2' } }))).toBe(mine);
    expect(mergeAnswers(mine, answers())).toBe(mine);
  });

  it('keeps my own answer where both copies have one, and adds the others', () => {
    const merged = mergeAnswers(
      answers({ approvedHere: { a: '0xmine' }, signedVersions: { 's:1': '0xmine' } }),
      answers({
        approvedHere: { a: '0xtheirs', b: '0xb' },
        signedVersions: { 's:1': '0xt', 's:2': '0x2' },
      }),
    );
    expect(merged.approvedHere).toEqual({ a: '0xmine', b: '0xb' });
    expect(merged.signedVersions).toEqual({ 's:1': '0xmine', 's:2': '0x2' });
  });

  it('lets a decline in either copy take the approval back', () => {
    const declinedThere = mergeAnswers(
      answers({ approvedHere: { a: '0xa' } }),
      answers({ declinedHere: { a: '0xa' } }),
    );
    expect(declinedThere.approvedHere).toEqual({});
    expect(declinedThere.declinedHere).toEqual({ a: '0xa' });
    const declinedHere = mergeAnswers(
      answers({ declinedHere: { a: '0xa' }, signedVersions: {} }),
      answers({ approvedHere: { a: '0xa' }, signedVersions: { 's:1': '0x1' } }),
    );
    expect(declinedHere.approvedHere).toEqual({});
  });
});
