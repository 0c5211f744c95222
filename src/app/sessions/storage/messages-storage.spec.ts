import { TestBed } from '@angular/core/testing';
import { BROWSER_STORAGE } from '../../core';
import { MemoryStorage } from '../../testing/memory-storage';
import type { SessionMessage } from '../state/app-session.model';
import { ALICE, BOB, NODE_URL, SESSION_ID } from '../state/testing/session-fixtures';
import {
  MessagesStorage,
  STORED_TRANSCRIPTS_MAX_CHARS,
  type StoredTranscript,
} from './messages-storage';
import { messagesKey } from './storage-keys';

function message(sessionId: string, id: string, receivedAt: number, text = 'hi'): SessionMessage {
  return {
    id,
    sessionId,
    signer: ALICE,
    type: 'text',
    dataJson: JSON.stringify(text),
    sentAt: receivedAt,
    receivedAt,
    sender: { verified: true, wallet: ALICE, expiresAt: null },
  };
}

describe('messages storage', () => {
  let memory: MemoryStorage;
  let storage: MessagesStorage;
  beforeEach(() => {
    memory = new MemoryStorage();
    TestBed.configureTestingModule({ providers: [{ provide: BROWSER_STORAGE, useValue: memory }] });
    storage = TestBed.inject(MessagesStorage);
  });

  it('keeps transcripts per node and wallet, with how many were dropped', () => {
    const kept: StoredTranscript = {
      sessionId: SESSION_ID,
      transcript: [message(SESSION_ID, 'm1', 1)],
      dropped: 3,
    };
    storage.save(NODE_URL, ALICE, [kept, { sessionId: '0xempty', transcript: [], dropped: 0 }]);
    expect(storage.load(NODE_URL, ALICE)).toEqual([kept]);
    expect(storage.load(NODE_URL, BOB)).toEqual([]);
  });

  it('stays within its size, dropping the transcripts quiet the longest', () => {
    const long = 'x'.repeat(STORED_TRANSCRIPTS_MAX_CHARS / 4);
    const transcripts = Array.from({ length: 6 }, (_, i) => ({
      sessionId: `0x${i}`,
      transcript: [message(`0x${i}`, `m${i}`, 100 + i, long)],
      dropped: 0,
    }));
    storage.save(NODE_URL, ALICE, transcripts);
    const loaded = storage.load(NODE_URL, ALICE).map((kept) => kept.sessionId);
    expect(loaded).toEqual(['0x5', '0x4', '0x3']);
    expect(memory.getItem(messagesKey(NODE_URL, ALICE))!.length).toBeLessThan(
      STORED_TRANSCRIPTS_MAX_CHARS + 1000,
    );
  });

  it('ignores what does not read back as transcripts', () => {
    memory.setItem(messagesKey(NODE_URL, ALICE), '{not json');
    expect(storage.load(NODE_URL, ALICE)).toEqual([]);
    memory.setItem(
      messagesKey(NODE_URL, ALICE),
      JSON.stringify({
        version: 1,
        transcripts: [{ sessionId: 1 }, { sessionId: 'x', dropped: 0, transcript: [{}] }],
      }),
    );
    expect(storage.load(NODE_URL, ALICE)).toEqual([]);
  });
});
