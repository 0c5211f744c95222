import * as fc from 'fast-check';
import type { RpcRequest } from '../../core';
import { ALICE, BOB, SESSION_ID } from '../state/testing/session-fixtures';
import type { OperationContent } from './operation';
import { canonicalJson, contentHash, methodOf, paramsOf } from './operation-request';
import {
  REQUEST_MAX_AGE_MS,
  contentRefusal,
  mayCoSign,
  versionSlot,
  type SigningMemory,
} from './signing-guard';

const six = () => 6;
const NOW = 1_700_000_000_000;
const closing = (a: string, b: string, baseVersion = 2): OperationContent => ({
  kind: 'close',
  sessionId: SESSION_ID,
  baseVersion,
  allocations: [
    { participant: ALICE, asset: 'usdc', amount: a },
    { participant: BOB, asset: 'usdc', amount: b },
  ],
  sessionData: null,
  definition: null,
});
const requestFor = (content: OperationContent, stamp = NOW): RpcRequest =>
  [7, methodOf(content.kind), paramsOf(content), stamp] as unknown as RpcRequest;

describe('content that can be approved', () => {
  it('names every participant once per asset, no one else, at the current version', () => {
    expect(contentRefusal(closing('7', '3'), [ALICE, BOB], 2, six)).toBeNull();
    const leftOut = { ...closing('10', '0'), allocations: [closing('10', '0').allocations[0]] };
    expect(contentRefusal(leftOut, [ALICE, BOB], 2, six)).toBe(`${BOB} has no amount of usdc.`);
    const twice = {
      ...closing('8', '0'),
      allocations: [
        ...closing('8', '0').allocations,
        { participant: ALICE, asset: 'usdc', amount: '0' },
      ],
    };
    expect(contentRefusal(twice, [ALICE, BOB], 2, six)).toBe(`${ALICE} is named 2 times for usdc.`);
    expect(contentRefusal(closing('7', '3'), [ALICE, BOB], 3, six)).toContain('version 3');
    expect(contentRefusal(closing('-1', '11'), [ALICE, BOB], 2, six)).toContain('negative');
    expect(contentRefusal(closing('7.0000001', '3'), [ALICE, BOB], 2, six)).toContain('decimals');
  });
});

describe('signing without a prompt', () => {
  const approved = closing('7', '3');
  const memory: SigningMemory = { approvedHash: contentHash(approved), signedVersions: {} };
  const situation = {
    content: approved,
    active: true,
    deadlineMs: NOW + 60_000,
    nowMs: NOW,
    sessionVersion: 2,
  };

  it('signs exactly the approved content, freshly stamped, before the deadline', () => {
    expect(mayCoSign(requestFor(approved), situation, memory)).toEqual({ ok: true });
    const other = requestFor(closing('10', '0'));
    expect(mayCoSign(other, situation, memory)).toEqual({
      ok: false,
      reason: 'The request differs from the approved content.',
    });
    const stale = requestFor(approved, NOW - REQUEST_MAX_AGE_MS - 1);
    expect(mayCoSign(stale, situation, memory).ok).toBeFalse();
    expect(
      mayCoSign(requestFor(approved), { ...situation, nowMs: NOW + 60_000 }, memory).ok,
    ).toBeFalse();
    expect(mayCoSign(requestFor(approved), { ...situation, active: false }, memory).ok).toBeFalse();
    expect(mayCoSign(requestFor(approved), { ...situation, sessionVersion: 3 }, memory)).toEqual({
      ok: false,
      reason: 'The session changed since this was approved.',
    });
    expect(
      mayCoSign(requestFor(approved), situation, { ...memory, approvedHash: null }).ok,
    ).toBeFalse();
  });

  it('never signs a second content for a version it signed for', () => {
    const signedOther = {
      ...memory,
      signedVersions: { [versionSlot(approved)]: contentHash(closing('6', '4')) },
    };
    expect(mayCoSign(requestFor(approved), situation, signedOther).ok).toBeFalse();
    const signedSame = {
      ...memory,
      signedVersions: { [versionSlot(approved)]: memory.approvedHash! },
    };
    expect(mayCoSign(requestFor(approved), situation, signedSame)).toEqual({ ok: true });
  });

  it('over any interleaving of proposals, approvals, withdrawals, deadlines and requests, signs only approved content and one content per version', () => {
    const contents = [
      closing('7', '3'),
      closing('6', '4'),
      closing('10', '0'),
      closing('7', '3', 3),
    ];
    const event = fc.oneof(
      fc.record({ type: fc.constant('approve' as const), which: fc.nat(contents.length - 1) }),
      fc.record({ type: fc.constant('withdraw' as const) }),
      fc.record({ type: fc.constant('extend' as const), ms: fc.integer({ min: 1, max: 120_000 }) }),
      fc.record({ type: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 90_000 }) }),
      fc.record({
        type: fc.constant('request' as const),
        which: fc.nat(contents.length - 1),
        skew: fc.integer({ min: -120_000, max: 30_000 }),
        tamper: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let now = NOW;
        let deadline = NOW + 60_000;
        let active = true;
        // The operation on the table; approving another content replaces it (a new proposal).
        let current = contents[0];
        let approvedHash: string | null = null;
        const approvedEver = new Set<string>();
        const signedVersions: Record<string, string> = {};
        for (const step of events) {
          if (step.type === 'approve') {
            current = contents[step.which];
            approvedHash = contentHash(current);
            approvedEver.add(approvedHash);
            active = true;
          } else if (step.type === 'withdraw') active = false;
          else if (step.type === 'extend') deadline += step.ms;
          else if (step.type === 'tick') now += step.ms;
          else {
            const asked = contents[step.which];
            const request = requestFor(asked, now + step.skew);
            const params = request[2] as Record<string, unknown>;
            if (step.tamper)
              params['allocations'] = [...(params['allocations'] as unknown[])].reverse();
            const verdict = mayCoSign(
              request,
              {
                content: current,
                active,
                deadlineMs: deadline,
                nowMs: now,
                sessionVersion: current.baseVersion,
              },
              { approvedHash, signedVersions },
            );
            if (!verdict.ok) continue;
            // What was signed is the current content's request, unchanged and approved.
            expect(approvedHash).toBe(contentHash(current));
            expect(canonicalJson(paramsOf(asked))).toBe(canonicalJson(paramsOf(current)));
            expect(step.tamper).toBeFalse();
            expect(active).toBeTrue();
            expect(now).toBeLessThan(deadline);
            const slot = versionSlot(current);
            expect(signedVersions[slot] ?? contentHash(current)).toBe(contentHash(current));
            signedVersions[slot] = contentHash(current);
          }
        }
        for (const hash of Object.values(signedVersions)) expect(approvedEver.has(hash)).toBeTrue();
      }),
      { numRuns: 400 },
    );
  });
});
