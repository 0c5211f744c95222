import * as fc from 'fast-check';
import type { RpcRequest } from '../../core';
import { ALICE, BOB, SESSION_ID } from '../state/testing/session-fixtures';
import type { Operation, OperationContent, OperationStatus } from './operation';
import { contentHash } from './operation-request';
import {
  addSignature,
  approve,
  decline,
  expireIfDue,
  extendDeadline,
  IGNORED_LISTED_LIMIT,
  isOpen,
  messageRefused,
  progressOf,
  propose,
  roundComplete,
  settled,
  startRound,
  submitted,
  withdraw,
} from './operation-transitions';
import { signingRule } from './signers';

const CAROL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const MALLORY = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const T0 = 1_700_000_000_000;
const definition = {
  application: 'nitrolite-sessions',
  protocol: 'NitroRPC/0.4',
  participants: [ALICE, BOB, CAROL],
  weights: [33, 33, 34],
  quorum: 51,
  challenge: 0,
  nonce: 1,
};
const shares = [
  { participant: ALICE, asset: 'usdc', amount: '4' },
  { participant: BOB, asset: 'usdc', amount: '4' },
  { participant: CAROL, asset: 'usdc', amount: '2' },
];
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
const rule = signingRule(close, definition, shares, () => 6);
const request = [9, 'close_app_session', {}, T0] as unknown as RpcRequest;
const proposal = (proposer = ALICE) =>
  propose({ id: 'op', content: close, proposer, deadline: T0 + 60_000, rule }, T0);

/** Throws, so that fast-check sees the failure and shrinks it to a small case. */
function holds(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

describe('an operation from proposal to the node', () => {
  it('majority 33/33/34, quorum 51: A proposes, B approves, C declines; it goes through with A and B', () => {
    let op = proposal();
    expect(op.status).toBe('proposed');
    expect(progressOf(op).weight).toBe(33);
    op = decline(op, CAROL, T0 + 1);
    expect(op.status).toBe('proposed');
    op = approve(op, BOB, op.contentHash, T0 + 2);
    expect(op.status).toBe('collecting');
    op = startRound(op, request, T0 + 3);
    op = addSignature(op, ALICE, request, '0xa', T0 + 4);
    expect(roundComplete(op)).toBeFalse();
    op = addSignature(op, BOB, request, '0xb', T0 + 5);
    expect(roundComplete(op)).toBeTrue();
    op = settled(submitted(op, T0 + 6), { ok: true }, T0 + 7);
    expect(op.status).toBe('done');
    expect(op.log.map((line) => line.text)).toContain('The ClearNode accepted it.');
  });

  it('refuses, with the reason in its log, what does not come from a participant or is of other content', () => {
    let op = proposal();
    op = approve(op, MALLORY, op.contentHash, T0 + 1);
    op = approve(op, BOB, contentHash({ ...close, baseVersion: 3 }), T0 + 2);
    expect(Object.keys(op.approvals)).toEqual([ALICE]);
    expect(op.log.slice(-2).map((line) => line.text)).toEqual([
      'Refused: an approval from 0x90F7…b906, who is not a participant.',
      'Refused: an approval from 0x7099…79C8 of other content.',
    ]);
    expect(withdraw(op, BOB, T0 + 3).status).toBe('proposed');
  });

  it('says once per sender and type why a message was ignored, and changes nothing else', () => {
    const op = proposal();
    const forged = {
      messageType: 'cosign.approve',
      sender: MALLORY,
      reason: 'not-participant',
    } as const;
    const once = messageRefused(op, forged, T0 + 1);
    expect(once.log.at(-1)).toEqual({
      at: T0 + 1,
      text: 'Ignored an approval from 0x90F7…b906: not a participant of this session.',
      ignored: `cosign.approve ${MALLORY.toLowerCase()}`,
    });
    expect({ ...once, log: op.log }).toEqual(op);
    // The same again, even with another reason or the address in other case, adds nothing.
    expect(
      messageRefused(
        once,
        { ...forged, sender: MALLORY.toLowerCase(), reason: 'no-proof' },
        T0 + 2,
      ),
    ).toBe(once);
    // Another type from the same sender is its own line.
    const signature = messageRefused(
      once,
      { messageType: 'cosign.signature', sender: BOB, reason: 'foreign-signature' },
      T0 + 3,
    );
    expect(signature.log.at(-1)?.text).toBe(
      'Ignored a signature from 0x7099…79C8: the signature it carries was made by another key.',
    );
    expect(signature.round).toBe(op.round);
  });

  it('lists a bounded number of ignored messages, however many keys send them', () => {
    let op = proposal();
    const before = op.log.length;
    for (let n = 0; n < IGNORED_LISTED_LIMIT + 5; n++)
      op = messageRefused(
        op,
        {
          messageType: 'cosign.approve',
          sender: `0x${n.toString(16).padStart(40, '0')}`,
          reason: 'not-their-key',
        },
        T0 + n,
      );
    expect(op.log.length).toBe(before + IGNORED_LISTED_LIMIT);
    expect(op.log.at(-1)?.text).toBe(
      `Ignored an approval from 0x0000…000${(IGNORED_LISTED_LIMIT - 1).toString(16)}: its signature is not from the participant it names.`,
    );
  });

  it('takes an answer told again once: a repeat says and changes nothing, even once it is done', () => {
    const approved = approve(proposal(), BOB, proposal().contentHash, T0 + 1);
    expect(approve(approved, BOB, approved.contentHash, T0 + 2)).toBe(approved);
    const done = { ...approved, status: 'done' as const };
    expect(approve(done, BOB, approved.contentHash, T0 + 3)).toBe(done);
    // Someone who had not approved is still told it came too late.
    expect(approve(done, CAROL, approved.contentHash, T0 + 3).log.at(-1)?.text).toBe(
      'Refused: an approval from 0x3C44…93BC after the operation was done.',
    );
    const declined = decline(proposal(), CAROL, T0 + 1);
    expect(decline(declined, CAROL, T0 + 2)).toBe(declined);
  });

  it('expires at its deadline unless extended, and then nothing more can be approved', () => {
    const op = proposal();
    expect(expireIfDue(op, T0 + 59_999).status).toBe('proposed');
    expect(expireIfDue(op, T0 + 60_000).status).toBe('expired');
    const extended = extendDeadline(op, ALICE, T0 + 120_000, T0 + 1);
    expect(expireIfDue(extended, T0 + 60_000).status).toBe('proposed');
    const late = approve(expireIfDue(op, T0 + 60_000), BOB, op.contentHash, T0 + 60_001);
    expect(late.status).toBe('expired');
    expect(Object.keys(late.approvals)).toEqual([ALICE]);
  });

  it('a stale version supersedes it; another refusal fails it', () => {
    const ready = submitted(
      startRound(approve(proposal(), BOB, proposal().contentHash, T0), request, T0),
      T0,
    );
    expect(settled(ready, { ok: false, error: 'incorrect version', stale: true }, T0).status).toBe(
      'superseded',
    );
    expect(
      settled(ready, { ok: false, error: 'insufficient funds', stale: false }, T0).status,
    ).toBe('failed');
  });

  it('a decline takes back a signature given in the round; short again, the round stops', () => {
    let op = approve(proposal(), CAROL, proposal().contentHash, T0);
    expect(op.status).toBe('collecting');
    op = startRound(op, request, T0);
    op = addSignature(op, ALICE, request, '0xa', T0);
    op = addSignature(op, CAROL, request, '0xc', T0);
    const back = decline(op, ALICE, T0 + 1);
    expect(back.status).toBe('proposed');
    expect(back.round).toBeNull();
    expect(back.approvals[ALICE]).toBeUndefined();
  });

  it('a decline that leaves enough approvals keeps the round, without the decliner’s signature', () => {
    let op = approve(proposal(), CAROL, proposal().contentHash, T0);
    op = approve(op, BOB, op.contentHash, T0);
    op = startRound(op, request, T0);
    op = addSignature(op, BOB, request, '0xb', T0);
    op = addSignature(op, CAROL, request, '0xc', T0);
    const after = decline(op, BOB, T0 + 1);
    expect(after.status).toBe('collecting');
    expect(Object.keys(after.round?.signatures ?? {})).toEqual([CAROL]);
  });

  it('over any sequence of events, keeps its invariants', () => {
    const FINAL: OperationStatus[] = [
      'done',
      'declined',
      'withdrawn',
      'expired',
      'superseded',
      'failed',
    ];
    const who = fc.constantFrom(ALICE, BOB, CAROL, MALLORY);
    const event = fc.oneof(
      fc.record({ type: fc.constant('approve' as const), who, same: fc.boolean() }),
      fc.record({ type: fc.constant('decline' as const), who }),
      fc.record({ type: fc.constant('withdraw' as const), who }),
      fc.record({
        type: fc.constant('extend' as const),
        who,
        ms: fc.integer({ min: -10_000, max: 60_000 }),
      }),
      fc.record({ type: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
      fc.record({ type: fc.constant('round' as const) }),
      fc.record({ type: fc.constant('sign' as const), who, same: fc.boolean() }),
      fc.record({ type: fc.constant('send' as const) }),
      fc.record({ type: fc.constant('answer' as const), ok: fc.boolean(), stale: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let now = T0;
        let op: Operation = proposal();
        for (const step of events) {
          const before = op;
          if (step.type === 'approve')
            op = approve(op, step.who, step.same ? op.contentHash : '0xother', now);
          else if (step.type === 'decline') op = decline(op, step.who, now);
          else if (step.type === 'withdraw') op = withdraw(op, step.who, now);
          else if (step.type === 'extend')
            op = extendDeadline(op, step.who, op.deadline + step.ms, now);
          else if (step.type === 'tick') op = expireIfDue(op, (now += step.ms));
          else if (step.type === 'round') op = startRound(op, request, now);
          else if (step.type === 'sign')
            op = addSignature(
              op,
              step.who,
              step.same ? request : ([1] as unknown as RpcRequest),
              '0xs',
              now,
            );
          else if (step.type === 'send') op = roundComplete(op) ? submitted(op, now) : op;
          else
            op = settled(
              op,
              step.ok ? { ok: true } : { ok: false, error: 'no', stale: step.stale },
              now,
            );

          const where = `${step.type} took ${before.status} to ${op.status}`;
          holds(
            !FINAL.includes(before.status) || op.status === before.status,
            `final status left: ${where}`,
          );
          for (const wallet of [...Object.keys(op.approvals), ...Object.keys(op.declines)])
            holds([ALICE, BOB, CAROL].includes(wallet), `${wallet} counted: ${where}`);
          for (const wallet of Object.keys(op.round?.signatures ?? {}))
            holds(op.approvals[wallet] !== undefined, `signature without approval: ${where}`);
          holds(
            op.status !== 'collecting' || progressOf(op).complete,
            `collecting short: ${where}`,
          );
          holds(
            op.status !== 'expired' || before.status === 'expired' || now >= op.deadline,
            `expired early: ${where}`,
          );
          holds(
            op.status !== 'submitting' || before.status === 'submitting' || roundComplete(before),
            `sent short: ${where}`,
          );
          holds(
            op.status !== 'done' || before.status === 'submitting' || before.status === 'done',
            `done from nowhere: ${where}`,
          );
          holds(op.log.length >= before.log.length, `log shrank: ${where}`);
          holds(isOpen(op) === (op.status === 'proposed' || op.status === 'collecting'), where);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
