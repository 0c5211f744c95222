import { shortAddress } from '../../shared/money/address';
import { AuthApiActions } from '../../core';
import type { OperationContent } from '../co-signing/operation';
import { contentHash } from '../co-signing/operation-request';
import { signingRule } from '../co-signing/signers';
import {
  CoSigningRelayActions,
  OperationClockActions,
  OperationInboxActions,
  OperationSigningActions,
  OperationsStorageActions,
} from './operations.actions';
import {
  initialOperationsState,
  operationsFeature,
  REFUSED_PROPOSALS_LIMIT,
} from './operations.feature';
import { ALICE, BOB, NODE_URL, NOW, SESSION_ID } from './testing/session-fixtures';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import type { Operation } from '../co-signing/operation';
import { STORED_FINISHED_LIMIT } from '../storage/operations-storage';

const reducer = operationsFeature.reducer;
const MALLORY = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const definition = {
  application: 'nitrolite-sessions',
  protocol: 'NitroRPC/0.4',
  participants: [ALICE, BOB],
  weights: [50, 50],
  quorum: 100,
  challenge: 0,
  nonce: 1,
};
const content: OperationContent = {
  kind: 'close',
  sessionId: SESSION_ID,
  baseVersion: 2,
  allocations: [
    { participant: ALICE, asset: 'usdc', amount: '7' },
    { participant: BOB, asset: 'usdc', amount: '3' },
  ],
  sessionData: null,
  definition: null,
};
const proposal = {
  id: 'op-1',
  content,
  proposer: ALICE,
  deadline: NOW + 60_000,
  rule: signingRule(content, definition, content.allocations, () => 6),
};
const received = reducer(
  initialOperationsState,
  CoSigningRelayActions.proposalReceived({ proposal, at: NOW }),
);

describe('operations reducer', () => {
  it('takes another tab’s answers: its approvals and signed versions add, its declines take approvals back', () => {
    const mine = {
      ...initialOperationsState,
      approvedHere: { 'op-1': '0xmine', 'op-3': '0xthree' },
      declinedHere: {},
      signedVersions: { 's:2': '0xmine' },
    };
    const same = reducer(
      mine,
      OperationsStorageActions.answersChangedInAnotherTab({
        answers: {
          approvedHere: { 'op-1': '0xtheirs' },
          declinedHere: {},
          signedVersions: { 's:2': '0xtheirs' },
        },
      }),
    );
    expect(same).toBe(mine);
    const more = reducer(
      mine,
      OperationsStorageActions.answersChangedInAnotherTab({
        answers: {
          approvedHere: { 'op-2': '0xtwo' },
          declinedHere: { 'op-3': '0xthree' },
          signedVersions: { 's:3': '0xthree' },
        },
      }),
    );
    expect(more.approvedHere).toEqual({ 'op-1': '0xmine', 'op-2': '0xtwo' });
    expect(more.declinedHere).toEqual({ 'op-3': '0xthree' });
    expect(more.signedVersions).toEqual({ 's:2': '0xmine', 's:3': '0xthree' });
  });

  it('lets me sign what I proposed, and keeps my approval when someone else declines', () => {
    const mine = reducer(
      initialOperationsState,
      OperationSigningActions.proposalMade({ proposal: { ...proposal, proposer: BOB }, at: NOW }),
    );
    expect(mine.approvedHere).toEqual({ 'op-1': contentHash(content) });
    const declinedByAlice = reducer(
      mine,
      CoSigningRelayActions.declineReceived({
        operationId: 'op-1',
        wallet: ALICE,
        reason: null,
        at: NOW + 1,
      }),
    );
    expect(declinedByAlice.approvedHere).toEqual({ 'op-1': contentHash(content) });
  });

  it('restores what this browser remembered, without overriding what happened this run', () => {
    const restored = reducer(
      received,
      OperationsStorageActions.restored({
        nodeUrl: NODE_URL,
        wallet: BOB,
        stored: {
          operations: [{ ...received.entities['op-1']!, status: 'expired' }],
          approvedHere: { 'op-0': '0x1' },
          declinedHere: {},
          signedVersions: { [`${SESSION_ID}:2`]: '0x1' },
        },
      }),
    );
    expect(restored.entities['op-1']!.status).toBe('proposed');
    expect(restored.approvedHere).toEqual({ 'op-0': '0x1' });
    expect(restored.signedVersions).toEqual({ [`${SESSION_ID}:2`]: '0x1' });
  });

  it('says once in the history why a round was not signed here, however often it is asked', () => {
    const refused = (at: number) =>
      OperationSigningActions.signingRefused({
        operationId: 'op-1',
        reason: 'Another content was already signed for this version.',
        at,
      });
    const once = reducer(received, refused(NOW + 1));
    const twice = reducer(once, refused(NOW + 2));
    expect(twice).toBe(once);
    expect(once.entities['op-1']!.log.at(-1)?.text).toBe(
      'Not signed here: Another content was already signed for this version.',
    );
  });

  it('keeps, when a session closes, the writes it accepted (its timeline) and those still unsure', () => {
    const alone = (id: string, status: Operation['status']): Operation => ({
      ...received.entities['op-1']!,
      id,
      signedAlone: true,
      status,
    });
    const state = reducer(
      initialOperationsState,
      OperationsStorageActions.restored({
        nodeUrl: NODE_URL,
        wallet: ALICE,
        stored: {
          operations: [
            alone('done', 'done'),
            alone('unknown', 'unknown'),
            alone('failed', 'failed'),
          ],
          approvedHere: {},
          declinedHere: {},
          signedVersions: {},
        },
      }),
    );
    const closed = reducer(
      state,
      SessionLifecycleActions.sessionClosed({
        at: NOW,
        sessionId: SESSION_ID,
        wallet: ALICE,
        closedBy: 'me',
        finalAllocations: null,
      }),
    );
    expect([...(closed.ids as string[])].sort()).toEqual(['done', 'unknown']);
  });

  it('keeps only the newest finished operations once a session closes, whatever is still open', () => {
    const finished = Array.from({ length: STORED_FINISHED_LIMIT + 5 }, (_, i) => ({
      ...received.entities['op-1']!,
      id: `done-${i}`,
      proposedAt: NOW + i,
      status: 'done' as const,
    }));
    const open = { ...received.entities['op-1']!, id: 'open', proposedAt: NOW - 1 };
    let state = reducer(
      initialOperationsState,
      OperationsStorageActions.restored({
        nodeUrl: NODE_URL,
        wallet: ALICE,
        stored: {
          operations: [open, ...finished],
          approvedHere: {},
          declinedHere: {},
          signedVersions: {},
        },
      }),
    );
    state = reducer(
      state,
      SessionLifecycleActions.sessionClosed({
        at: NOW,
        sessionId: '0xanother',
        wallet: ALICE,
        closedBy: 'participant',
        finalAllocations: null,
      }),
    );
    expect(state.ids.length).toBe(STORED_FINISHED_LIMIT + 1);
    expect(state.entities['open']).toBeDefined();
    expect(state.entities['done-0']).toBeUndefined();
    expect(state.entities[`done-${STORED_FINISHED_LIMIT + 4}`]).toBeDefined();
  });

  it('takes a proposal once, approved by its proposer', () => {
    expect(received.ids).toEqual(['op-1']);
    expect(Object.keys(received.entities['op-1']!.approvals)).toEqual([ALICE]);
    const again = reducer(
      received,
      CoSigningRelayActions.proposalReceived({
        proposal: { ...proposal, proposer: BOB },
        at: NOW + 1,
      }),
    );
    expect(again).toBe(received);
  });

  it('remembers what I approved here, forgets it when I decline, and moves to signing at the quorum', () => {
    const approved = reducer(
      received,
      OperationInboxActions.approveClicked({ operationId: 'op-1', wallet: BOB, at: NOW + 1 }),
    );
    expect(approved.approvedHere).toEqual({ 'op-1': contentHash(content) });
    expect(approved.entities['op-1']!.status).toBe('collecting');
    const declined = reducer(
      approved,
      OperationInboxActions.declineClicked({
        operationId: 'op-1',
        wallet: BOB,
        reason: 'their app cannot fund their share',
        at: NOW + 2,
      }),
    );
    expect(declined.approvedHere).toEqual({});
    // Kept, so that my other tabs learn of it and sign nothing either.
    expect(declined.declinedHere).toEqual({ 'op-1': contentHash(content) });
    expect(declined.entities['op-1']?.log.map((line) => line.text)).toContain(
      `Declined by ${shortAddress(BOB)}: their app cannot fund their share`,
    );
    expect(declined.entities['op-1']!.status).toBe('declined');
  });

  it('notes an ignored approval in the history once, counting nothing', () => {
    const forged = (at: number) =>
      CoSigningRelayActions.messageRefused({
        operationId: 'op-1',
        sessionId: SESSION_ID,
        refused: { messageType: 'cosign.approve', sender: MALLORY, reason: 'not-their-key' },
        at,
      });
    const once = reducer(received, forged(NOW + 1));
    const op = once.entities['op-1']!;
    expect(op.log.at(-1)?.text).toBe(
      'Ignored an approval from 0x90F7…b906: its signature is not from the participant it names.',
    );
    expect(op.approvals).toEqual(received.entities['op-1']!.approvals);
    expect(op.status).toBe('proposed');
    expect(once.approvedHere).toBe(received.approvedHere);
    expect(reducer(once, forged(NOW + 2))).toBe(once);
    // An operation not known here has no history to say it in.
    const unknown = reducer(
      received,
      CoSigningRelayActions.messageRefused({
        operationId: 'op-9',
        sessionId: SESSION_ID,
        refused: { messageType: 'cosign.approve', sender: MALLORY, reason: 'not-their-key' },
        at: NOW,
      }),
    );
    expect(unknown).toBe(received);
  });

  it('notes ignored proposals of unknown operations per session, once per sender, the latest few', () => {
    const forged = (sender: string, at: number) =>
      CoSigningRelayActions.messageRefused({
        operationId: null,
        sessionId: SESSION_ID,
        refused: { messageType: 'cosign.propose', sender, reason: 'no-proof' },
        at,
      });
    const once = reducer(received, forged(MALLORY, NOW));
    expect(once.refusedProposals[SESSION_ID]?.map((note) => note.text)).toEqual([
      'Ignored a proposal from 0x90F7…b906: it does not prove which participant sent it.',
    ]);
    expect(once.ids).toEqual(received.ids);
    expect(reducer(once, forged(MALLORY, NOW + 1))).toBe(once);
    const senders = Array.from(
      { length: REFUSED_PROPOSALS_LIMIT + 2 },
      (_, n) => `0x${(n + 1).toString(16).padStart(40, '0')}`,
    );
    const many = senders.reduce(
      (state, sender, n) => reducer(state, forged(sender, NOW + n)),
      once,
    );
    const notes = many.refusedProposals[SESSION_ID]!;
    expect(notes.length).toBe(REFUSED_PROPOSALS_LIMIT);
    expect(notes.at(-1)?.text).toContain(`from 0x0000…000${senders.length.toString(16)}:`);
    expect(notes.some((note) => note.text.includes('0x90F7…b906'))).toBeFalse();
  });

  it('expires what is due when the clock ticks, not before', () => {
    const early = reducer(received, OperationClockActions.ticked({ at: NOW + 59_999 }));
    expect(early).toBe(received);
    const late = reducer(received, OperationClockActions.ticked({ at: NOW + 60_000 }));
    expect(late.entities['op-1']!.status).toBe('expired');
  });

  it('remembers the content signed per session version, and forgets everything at sign-out', () => {
    const signed = reducer(
      received,
      OperationSigningActions.roundSigned({
        operationId: 'op-1',
        slot: `${SESSION_ID}:3`,
        contentHash: contentHash(content),
        at: NOW,
      }),
    );
    expect(signed.signedVersions).toEqual({ [`${SESSION_ID}:3`]: contentHash(content) });
    const out = reducer(
      signed,
      AuthApiActions.signedOut({ wallet: ALICE, nodeUrl: NODE_URL, message: 'bye' }),
    );
    expect(out).toEqual(initialOperationsState);
  });
});
