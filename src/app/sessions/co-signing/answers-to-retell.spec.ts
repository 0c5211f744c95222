import { ALICE, BOB, SESSION_ID } from '../state/testing/session-fixtures';
import { answersToRetell } from './answers-to-retell';
import type { Operation, OperationContent } from './operation';
import { approve, decline, propose, withdraw } from './operation-transitions';
import { signingRule } from './signers';

const CAROL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const T0 = 1_700_000_000_000;
const DEADLINE = T0 + 60_000;
const definition = {
  application: 'nitrolite-sessions',
  protocol: 'NitroRPC/0.4',
  participants: [ALICE, BOB, CAROL],
  weights: [33, 33, 34],
  quorum: 51,
  challenge: 0,
  nonce: 1,
};
const close: OperationContent = {
  kind: 'close',
  sessionId: SESSION_ID,
  baseVersion: 2,
  allocations: [
    { participant: ALICE, asset: 'usdc', amount: '7' },
    { participant: BOB, asset: 'usdc', amount: '3' },
    { participant: CAROL, asset: 'usdc', amount: '0' },
  ],
  sessionData: null,
  definition: null,
};
const byAlice = (id: string): Operation =>
  propose(
    {
      id,
      content: close,
      proposer: ALICE,
      deadline: DEADLINE,
      rule: signingRule(close, definition, close.allocations, () => 6),
    },
    T0,
  );

describe('answers to tell again', () => {
  it('are my open proposals and my approvals of open operations, as first sent', () => {
    const approvedByBob = approve(byAlice('op-2'), BOB, byAlice('op-2').contentHash, T0 + 1);
    expect(approvedByBob.status).toBe('collecting');
    const answers = answersToRetell([byAlice('op-1'), approvedByBob], BOB.toLowerCase(), T0 + 2);
    expect(answers).toEqual([
      {
        sessionId: SESSION_ID,
        message: { type: 'cosign.approve', id: 'op-2', contentHash: approvedByBob.contentHash },
      },
    ]);
    expect(answersToRetell([byAlice('op-1')], ALICE, T0 + 2)).toEqual([
      {
        sessionId: SESSION_ID,
        message: { type: 'cosign.propose', id: 'op-1', content: close, deadline: DEADLINE },
      },
    ]);
  });

  it('tell a decline or a withdrawal that ended the operation here, until its deadline', () => {
    // Carol's 34 is needed once Bob declined too: her decline ends it here, not yet elsewhere.
    const ended = decline(decline(byAlice('op-1'), BOB, T0 + 1), CAROL, T0 + 2);
    expect(ended.status).toBe('declined');
    expect(answersToRetell([ended], CAROL, T0 + 3)).toEqual([
      { sessionId: SESSION_ID, message: { type: 'cosign.decline', id: 'op-1' } },
    ]);
    expect(answersToRetell([ended], CAROL, DEADLINE)).toEqual([]);
    const withdrawn = withdraw(byAlice('op-2'), ALICE, T0 + 1);
    expect(answersToRetell([withdrawn], ALICE, T0 + 2)).toEqual([
      { sessionId: SESSION_ID, message: { type: 'cosign.withdraw', id: 'op-2' } },
    ]);
  });

  it('leave out what I did not answer and what is over', () => {
    const done: Operation = {
      ...approve(byAlice('op-1'), BOB, byAlice('op-1').contentHash, T0),
      status: 'done',
    };
    expect(answersToRetell([done, byAlice('op-2')], BOB, T0 + 1)).toEqual([]);
    expect(answersToRetell([{ ...byAlice('op-3'), status: 'expired' }], ALICE, T0 + 1)).toEqual([]);
    // A write signed alone never went to the others, whatever its state.
    expect(answersToRetell([{ ...byAlice('op-4'), signedAlone: true }], ALICE, T0 + 1)).toEqual([]);
  });
});
