import { TestScheduler } from 'rxjs/testing';

/** A marble scheduler whose frames are compared with Jasmine's deep equality. */
export function marbles(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}
