import { inject, Injectable } from '@angular/core';
import { BROWSER_STORAGE } from '../../core';
import type { Operation } from '../co-signing/operation';
import type { AnswersHere } from '../co-signing/answers-here';
import { operationsKey } from './storage-keys';

/** Finished operations remembered per node and wallet; older ones are forgotten. */
export const STORED_FINISHED_LIMIT = 50;
/** Versions whose signed content is remembered; far more than sessions stay open for. */
export const STORED_SIGNED_VERSIONS_LIMIT = 1000;

/** What survives a reload: the operations, my answers, and the content signed per version. */
export interface StoredOperations extends AnswersHere {
  readonly operations: readonly Operation[];
}

interface Record1 extends StoredOperations {
  readonly version: 1;
}

const EMPTY: StoredOperations = {
  operations: [],
  approvedHere: {},
  declinedHere: {},
  signedVersions: {},
};

/**
 * Keeps co-signing across reloads: an approval given stays given, and a version signed for one
 * content is never signed for another, even after the page was closed in between. Storage
 * failures lose the cache, never the app; a record that does not read back is ignored whole.
 */
@Injectable({ providedIn: 'root' })
export class OperationsStorage {
  private readonly storage = inject(BROWSER_STORAGE);

  load(nodeUrl: string, wallet: string): StoredOperations {
    try {
      const raw = this.storage.getItem(operationsKey(nodeUrl, wallet));
      if (!raw) return EMPTY;
      const parsed = JSON.parse(raw) as Partial<Record1>;
      if (parsed.version !== 1 || !Array.isArray(parsed.operations)) return EMPTY;
      return {
        operations: parsed.operations.filter(isStoredOperation),
        approvedHere: stringsOf(parsed.approvedHere),
        // Absent from records written before declines were kept.
        declinedHere: stringsOf(parsed.declinedHere),
        signedVersions: stringsOf(parsed.signedVersions),
      };
    } catch (error) {
      console.warn('[co-signing] could not read stored operations', error);
      return EMPTY;
    }
  }

  save(nodeUrl: string, wallet: string, stored: StoredOperations): void {
    const open = stored.operations.filter((op) =>
      ['proposed', 'collecting', 'submitting', 'unknown'].includes(op.status),
    );
    const finished = stored.operations
      .filter((op) => !open.includes(op))
      .sort((a, b) => b.proposedAt - a.proposedAt)
      .slice(0, STORED_FINISHED_LIMIT);
    const kept = [...open, ...finished];
    const ids = new Set(kept.map((op) => op.id));
    const record: Record1 = {
      version: 1,
      operations: kept,
      approvedHere: Object.fromEntries(
        Object.entries(stored.approvedHere).filter(([id]) => ids.has(id)),
      ),
      declinedHere: Object.fromEntries(
        Object.entries(stored.declinedHere).filter(([id]) => ids.has(id)),
      ),
      signedVersions: Object.fromEntries(
        Object.entries(stored.signedVersions).slice(-STORED_SIGNED_VERSIONS_LIMIT),
      ),
    };
    try {
      this.storage.setItem(operationsKey(nodeUrl, wallet), JSON.stringify(record));
    } catch (error) {
      console.warn('[co-signing] could not store operations', error);
    }
  }
}

function stringsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

function isStoredOperation(value: unknown): value is Operation {
  const op = value as Partial<Operation> | null;
  return (
    !!op &&
    typeof op.id === 'string' &&
    typeof op.contentHash === 'string' &&
    typeof op.proposer === 'string' &&
    typeof op.deadline === 'number' &&
    typeof op.status === 'string' &&
    !!op.content &&
    Array.isArray(op.needs) &&
    Array.isArray(op.log)
  );
}
