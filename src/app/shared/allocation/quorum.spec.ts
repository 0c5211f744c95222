import { canReachQuorumAlone, isQuorumReachable, meetsQuorum, signersWeight } from './quorum';
import { WEIGHT_PRESETS, weightsForPreset } from './weight-presets';

const A = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const B = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const C = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('quorum', () => {
  const rule = { participants: [A, B, C], weights: [33, 33, 34], quorum: 51 };

  it('counts each participant once, whatever the case of the address', () => {
    expect(signersWeight(rule, [A, A.toLowerCase()])).toBe(33);
    expect(meetsQuorum(rule, [A, B])).toBeTrue();
    expect(meetsQuorum(rule, [C])).toBeFalse();
  });

  it('knows whether I decide alone', () => {
    expect(
      canReachQuorumAlone({ participants: [A, B], weights: [100, 0], quorum: 100 }, A),
    ).toBeTrue();
    expect(
      canReachQuorumAlone({ participants: [A, B], weights: [50, 50], quorum: 100 }, A),
    ).toBeFalse();
    expect(canReachQuorumAlone(rule, null)).toBeFalse();
    expect(canReachQuorumAlone({ participants: [A, B], weights: [0, 0], quorum: 0 }, A)).toBeTrue();
  });

  it('knows whether a quorum can ever be met', () => {
    expect(isQuorumReachable(rule)).toBeTrue();
    expect(isQuorumReachable({ ...rule, quorum: 101 })).toBeFalse();
  });
});

describe('weight presets', () => {
  it('give the documented schemes', () => {
    expect(weightsForPreset('server-controlled', 3)).toEqual({ weights: [0, 0, 100], quorum: 100 });
    expect(weightsForPreset('server-controlled', 2, 0)).toEqual({ weights: [100, 0], quorum: 100 });
    expect(weightsForPreset('equal-peers', 2)).toEqual({ weights: [50, 50], quorum: 100 });
    expect(weightsForPreset('majority', 3)).toEqual({ weights: [33, 33, 34], quorum: 51 });
    expect(weightsForPreset('custom', 3)).toBeNull();
    expect(WEIGHT_PRESETS.map((preset) => preset.id)).toEqual([
      'server-controlled',
      'equal-peers',
      'majority',
      'custom',
    ]);
  });

  it('always add up to 100 with a reachable quorum', () => {
    for (let count = 1; count <= 12; count++) {
      for (const id of ['server-controlled', 'equal-peers', 'majority'] as const) {
        const scheme = weightsForPreset(id, count)!;
        expect(scheme.weights.reduce((a, b) => a + b, 0))
          .withContext(`${id} ${count}`)
          .toBe(100);
        expect(scheme.quorum).toBeLessThanOrEqual(100);
      }
    }
  });
});
