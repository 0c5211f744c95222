import { TestBed } from '@angular/core/testing';
import { BROWSER_STORAGE } from '../../core';
import { MemoryStorage } from '../../testing/memory-storage';
import type { OperationContent } from '../co-signing/operation';
import { propose } from '../co-signing/operation-transitions';
import { signingRule } from '../co-signing/signers';
import { answerLost, writtenAlone } from '../co-signing/written-alone';
import { ALICE, aSession, BOB, NODE_URL, NOW, SESSION_ID } from '../state/testing/session-fixtures';
import { OperationsStorage, STORED_FINISHED_LIMIT } from './operations-storage';
import { operationsKey } from './storage-keys';

const session = aSession();
const content: OperationContent = {
  kind: 'close',
  sessionId: SESSION_ID,
  baseVersion: 1,
  allocations: session.allocations!,
  sessionData: null,
  definition: null,
};
const rule = signingRule(content, session.definition, session.allocations!, () => 6);
const operation = (id: string, at = NOW) =>
  propose({ id, content, proposer: ALICE, deadline: at + 60_000, rule }, at);

describe('operations storage', () => {
  let memory: MemoryStorage;
  let storage: OperationsStorage;
  beforeEach(() => {
    memory = new MemoryStorage();
    TestBed.configureTestingModule({ providers: [{ provide: BROWSER_STORAGE, useValue: memory }] });
    storage = TestBed.inject(OperationsStorage);
  });

  it('keeps operations, my approvals and declines and the versions I signed, per node and wallet', () => {
    const stored = {
      operations: [operation('op-1'), operation('op-2')],
      approvedHere: { 'op-1': '0xabc' },
      declinedHere: { 'op-2': '0xdef' },
      signedVersions: { [`${SESSION_ID}:2`]: '0xabc' },
    };
    storage.save(NODE_URL, ALICE, stored);
    expect(storage.load(NODE_URL, ALICE)).toEqual(stored);
    expect(storage.load(NODE_URL, BOB).operations).toEqual([]);
  });

  it('keeps a write of unknown outcome, with when its answer was lost, until it is resolved', () => {
    const lost = answerLost(
      writtenAlone({ id: 'w', content, signer: ALICE, rule, label: null }, NOW),
      'closed',
      NOW + 1,
    );
    const finished = Array.from({ length: STORED_FINISHED_LIMIT + 1 }, (_, i) => ({
      ...operation(`done-${i}`, NOW + 10 + i),
      status: 'done' as const,
    }));
    storage.save(NODE_URL, ALICE, {
      operations: [lost, ...finished],
      approvedHere: {},
      declinedHere: {},
      signedVersions: {},
    });
    const kept = storage.load(NODE_URL, ALICE).operations.find((op) => op.id === 'w');
    expect(kept).toEqual(lost);
    expect(kept?.answerLostAt).toBe(NOW + 1);
  });

  it('bounds finished operations, never open ones, and drops approvals of forgotten ones', () => {
    const finished = Array.from({ length: STORED_FINISHED_LIMIT + 5 }, (_, i) => ({
      ...operation(`done-${i}`, NOW + i),
      status: 'done' as const,
    }));
    storage.save(NODE_URL, ALICE, {
      operations: [operation('open-1'), ...finished],
      approvedHere: { 'open-1': '0x1', 'done-0': '0x2' },
      declinedHere: {},
      signedVersions: {},
    });
    const loaded = storage.load(NODE_URL, ALICE);
    expect(loaded.operations.length).toBe(STORED_FINISHED_LIMIT + 1);
    expect(loaded.operations.some((op) => op.id === 'open-1')).toBeTrue();
    expect(loaded.operations.some((op) => op.id === 'done-0')).toBeFalse();
    expect(loaded.approvedHere).toEqual({ 'open-1': '0x1' });
  });

  it('ignores a record it cannot read, and entries that are not operations', () => {
    memory.setItem(operationsKey(NODE_URL, ALICE), '{not json');
    expect(storage.load(NODE_URL, ALICE).operations).toEqual([]);
    memory.setItem(
      operationsKey(NODE_URL, ALICE),
      JSON.stringify({
        version: 1,
        operations: [{ id: 1 }, operation('op-2')],
        approvedHere: { a: 1 },
      }),
    );
    const loaded = storage.load(NODE_URL, ALICE);
    expect(loaded.operations.map((op) => op.id)).toEqual(['op-2']);
    expect(loaded.approvedHere).toEqual({});
  });

  it('reads a record written before declines were kept as declining nothing', () => {
    storage.save(NODE_URL, ALICE, {
      operations: [operation('op-1')],
      approvedHere: { 'op-1': '0xabc' },
      declinedHere: {},
      signedVersions: {},
    });
    const key = memory.keys().find((k) => k.includes('operations'))!;
    const record = JSON.parse(memory.getItem(key)!) as Record<string, unknown>;
    delete record['declinedHere'];
    memory.setItem(key, JSON.stringify(record));
    const loaded = storage.load(NODE_URL, ALICE);
    expect(loaded.declinedHere).toEqual({});
    expect(loaded.approvedHere).toEqual({ 'op-1': '0xabc' });
  });
});
