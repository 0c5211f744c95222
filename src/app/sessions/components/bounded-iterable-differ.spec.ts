import { DefaultIterableDiffer, type IterableDiffer, type TrackByFunction } from '@angular/core';
import { BoundedIterableDiffer } from './bounded-iterable-differ';

interface Row {
  readonly id: number;
}

const byId: TrackByFunction<Row> = (_, row) => row.id;

/** Every record reachable from the differ, following any link between records. */
function reachableRecords(differ: IterableDiffer<Row>): number {
  const isRecord = (value: object): boolean => 'trackById' in value;
  const seen = new Set<object>();
  const pending: unknown[] = Object.values(differ);
  while (pending.length) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    if (isRecord(value)) seen.add(value);
    else if (!(value instanceof DefaultIterableDiffer) && !Array.isArray(value)) continue;
    pending.push(...Object.values(value));
  }
  return seen.size;
}

/**
 * Ten rows; each round three new ones come in at the top and the three oldest leave, as when a few
 * sessions close at once and the history keeps its newest.
 */
function run(differ: IterableDiffer<Row>, rounds: number): void {
  let rows: Row[] = Array.from({ length: 10 }, (_, i) => ({ id: i }));
  let next = rows.length;
  differ.diff(rows);
  for (let round = 0; round < rounds; round++) {
    const added = [{ id: next++ }, { id: next++ }, { id: next++ }];
    rows = [...added, ...rows];
    differ.diff(rows);
    rows = rows.slice(0, 10);
    differ.diff(rows);
  }
}

describe('BoundedIterableDiffer', () => {
  it('keeps the records of the rows shown and of the last pass only, however many passes', () => {
    const differ = new BoundedIterableDiffer<Row>(byId);
    run(differ, 300);
    expect(reachableRecords(differ)).toBeLessThanOrEqual(2 * 13);
  });

  it('is needed: Angular’s own differ keeps every row it ever showed in that case', () => {
    const differ = new DefaultIterableDiffer<Row>(byId);
    run(differ, 100);
    expect(reachableRecords(differ)).toBeGreaterThan(300);
  });

  it('reports the same changes as Angular’s own differ', () => {
    const plain = new DefaultIterableDiffer<Row>(byId);
    const bounded = new BoundedIterableDiffer<Row>(byId);
    const log = (differ: IterableDiffer<Row>, rows: Row[]) => {
      const ops: string[] = [];
      differ
        .diff(rows)
        ?.forEachOperation((record, previous, current) =>
          ops.push(`${record.item.id}:${previous}->${current}`),
        );
      return ops;
    };
    const lists: Row[][] = [
      [1, 2, 3, 4],
      [5, 1, 2, 3],
      [3, 5, 2],
      [3, 5, 2, 6, 7],
      [7, 6, 2],
      [],
      [8, 9],
    ].map((ids) => ids.map((id) => ({ id })));
    for (const rows of lists) expect(log(bounded, rows)).toEqual(log(plain, rows));
  });
});
