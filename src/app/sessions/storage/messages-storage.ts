import { inject, Injectable } from '@angular/core';
import { BROWSER_STORAGE } from '../../core';
import type { SessionMessage } from '../state/app-session.model';
import { messagesKey } from './storage-keys';

/** A session's transcript as kept between visits. */
export interface StoredTranscript {
  readonly sessionId: string;
  readonly transcript: readonly SessionMessage[];
  readonly dropped: number;
}

/**
 * What all kept transcripts of one node and wallet may take in local storage (characters of JSON):
 * with the sessions and operations beside it this stays well inside the browser's 5 MB. The
 * transcripts with the oldest last message go first.
 */
export const STORED_TRANSCRIPTS_MAX_CHARS = 1_000_000;

interface Record1 {
  readonly version: 1;
  readonly transcripts: readonly StoredTranscript[];
}

/** Keeps session transcripts across reloads and after a close; failures lose the cache only. */
@Injectable({ providedIn: 'root' })
export class MessagesStorage {
  private readonly storage = inject(BROWSER_STORAGE);

  load(nodeUrl: string, wallet: string): StoredTranscript[] {
    try {
      const raw = this.storage.getItem(messagesKey(nodeUrl, wallet));
      if (!raw) return [];
      const parsed = JSON.parse(raw) as Partial<Record1>;
      if (parsed.version !== 1 || !Array.isArray(parsed.transcripts)) return [];
      return parsed.transcripts.filter(isStoredTranscript);
    } catch (error) {
      console.warn('[messages] could not read stored transcripts', error);
      return [];
    }
  }

  save(nodeUrl: string, wallet: string, transcripts: readonly StoredTranscript[]): void {
    const newestFirst = transcripts
      .filter((kept) => kept.transcript.length > 0)
      .map((kept) => ({ kept, json: JSON.stringify(kept) }))
      .sort((a, b) => lastAt(b.kept) - lastAt(a.kept));
    const chosen: StoredTranscript[] = [];
    let size = 0;
    for (const { kept, json } of newestFirst) {
      if (size + json.length > STORED_TRANSCRIPTS_MAX_CHARS) break;
      chosen.push(kept);
      size += json.length;
    }
    const record: Record1 = { version: 1, transcripts: chosen };
    try {
      this.storage.setItem(messagesKey(nodeUrl, wallet), JSON.stringify(record));
    } catch (error) {
      console.warn('[messages] could not store transcripts', error);
    }
  }
}

function lastAt(kept: StoredTranscript): number {
  return kept.transcript.at(-1)?.receivedAt ?? 0;
}

function isStoredTranscript(value: unknown): value is StoredTranscript {
  const kept = value as Partial<StoredTranscript> | null;
  return (
    !!kept &&
    typeof kept.sessionId === 'string' &&
    typeof kept.dropped === 'number' &&
    Array.isArray(kept.transcript) &&
    kept.transcript.every(
      (message) =>
        !!message &&
        typeof message.id === 'string' &&
        typeof message.type === 'string' &&
        typeof message.dataJson === 'string' &&
        !!message.sender,
    )
  );
}
