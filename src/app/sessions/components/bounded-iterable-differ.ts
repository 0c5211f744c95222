import {
  DefaultIterableDiffer,
  IterableDiffer,
  IterableDifferFactory,
  IterableDiffers,
  type NgIterable,
  type StaticProvider,
  type TrackByFunction,
} from '@angular/core';

/**
 * Links Angular's list differ sets on its records for one pass (what was added, moved, removed,
 * changed identity) and only overwrites when a record takes part in such a change again. A row that
 * stays keeps pointing at rows removed long ago, and each of those at older ones: a list that gains
 * a row and loses one at every close (the sessions, their history) keeps every row it ever showed.
 */
const PASS_LINKS = [
  '_nextAdded',
  '_nextMoved',
  '_prevRemoved',
  '_nextRemoved',
  '_nextIdentityChange',
] as const;

interface DifferRecord {
  _next: DifferRecord | null;
}
interface DifferInternals {
  _itHead: DifferRecord | null;
  /** Closes the last pass (it reads that pass's links); the next `diff` starts with it too. */
  _reset(): void;
}

/**
 * Angular's differ, whose rows forget the previous pass's links once that pass is closed: from then
 * on nothing reads them (each pass sets the ones it follows), so memory stays with the rows shown
 * and the last pass's changes.
 */
export class BoundedIterableDiffer<V> implements IterableDiffer<V> {
  private readonly inner: DefaultIterableDiffer<V>;

  constructor(trackBy?: TrackByFunction<V>) {
    this.inner = new DefaultIterableDiffer<V>(trackBy);
  }

  diff(collection: NgIterable<V> | undefined | null) {
    const internals = this.inner as unknown as DifferInternals;
    internals._reset();
    for (let record = internals._itHead; record !== null; record = record._next) {
      const links = record as unknown as Record<(typeof PASS_LINKS)[number], unknown>;
      for (const link of PASS_LINKS) links[link] = null;
    }
    return this.inner.diff(collection);
  }
}

const boundedFactory: IterableDifferFactory = {
  // The rows handed to a virtual list are arrays; anything else keeps Angular's own differ.
  supports: (objects: unknown) => Array.isArray(objects),
  create: <V>(trackBy?: TrackByFunction<V>) => new BoundedIterableDiffer<V>(trackBy),
};

/** For a component whose long-lived lists are diffed (`*cdkVirtualFor`): its rows use the bounded differ. */
export const provideBoundedIterableDiffer = (): StaticProvider =>
  IterableDiffers.extend([boundedFactory]);
