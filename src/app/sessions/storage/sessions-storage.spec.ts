import { TestBed } from '@angular/core/testing';
import { MemoryStorage } from '../../testing/memory-storage';
import { ALICE, aSession, NODE_URL } from '../state/testing/session-fixtures';
import { SessionsStorage, STORED_CLOSED_LIMIT } from './sessions-storage';
import { WriteClaims } from './write-claims';
import { BROWSER_STORAGE } from '../../core';

describe('sessions storage', () => {
  let memory: MemoryStorage;
  beforeEach(() => {
    memory = new MemoryStorage();
    TestBed.configureTestingModule({ providers: [{ provide: BROWSER_STORAGE, useValue: memory }] });
  });

  it('keeps sessions per node and wallet, bounding closed history', () => {
    const storage = TestBed.inject(SessionsStorage);
    const closed = Array.from({ length: STORED_CLOSED_LIMIT + 10 }, (_, i) =>
      aSession({
        id: `0x${i}`,
        status: 'closed',
        updatedAt: `2026-01-01T00:${String(i).padStart(2, '0')}:00Z`,
      }),
    );
    storage.save(NODE_URL, ALICE, [aSession(), ...closed]);
    const loaded = storage.load(NODE_URL, ALICE.toLowerCase());
    expect(loaded.length).toBe(1 + STORED_CLOSED_LIMIT);
    expect(loaded[0].label).toBe('Dinner');
    expect(loaded[1].id).toBe('0x59');
    expect(storage.load('ws://elsewhere', ALICE)).toEqual([]);
  });

  it('writes the JSON of every session, serializing again only sessions that changed', () => {
    const storage = TestBed.inject(SessionsStorage);
    const other = aSession({ id: '0xother', label: 'Lunch' });
    const key = `nitrolite-sessions/v1/sessions/${NODE_URL}/${ALICE.toLowerCase()}`;
    storage.save(NODE_URL, ALICE, [aSession(), other]);
    expect(memory.getItem(key)).toBe(JSON.stringify({ version: 1, sessions: [aSession(), other] }));
    const stringify = spyOn(JSON, 'stringify').and.callThrough();
    const moved = aSession({ version: 2 });
    storage.save(NODE_URL, ALICE, [moved, other]);
    expect(stringify).toHaveBeenCalledOnceWith(moved);
    expect(storage.load(NODE_URL, ALICE)).toEqual([moved, other]);
  });

  it('survives corrupt or failing storage', () => {
    spyOn(console, 'warn');
    const storage = TestBed.inject(SessionsStorage);
    memory.setItem(`nitrolite-sessions/v1/sessions/${NODE_URL}/${ALICE.toLowerCase()}`, '{nope');
    expect(storage.load(NODE_URL, ALICE)).toEqual([]);
    spyOn(memory, 'setItem').and.throwError('QuotaExceededError');
    expect(() => storage.save(NODE_URL, ALICE, [aSession()])).not.toThrow();
  });

  it('lets one tab claim a write until it expires or is released', () => {
    const claims = TestBed.inject(WriteClaims);
    expect(claims.claim('close:0x1', 1000)).toBeTrue();
    expect(claims.claim('close:0x1', 2000)).toBeFalse();
    expect(claims.claim('close:0x1', 1000 + 60_001)).toBeTrue();
    claims.release('close:0x1');
    expect(claims.claim('close:0x1', 1000)).toBeTrue();
  });
});
