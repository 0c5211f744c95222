import { marbles } from '../../testing/test-scheduler';
import { settledOrLeaving } from './settled-or-leaving';

describe('settledOrLeaving', () => {
  it('writes the latest value once it rested, a burst once', () => {
    marbles().run(({ cold, expectObservable }) => {
      const changes = cold('a-b-c 10ms d');
      const leaving = cold('-');
      expectObservable(changes.pipe(settledOrLeaving(3, leaving))).toBe('-------c 9ms -d');
    });
  });

  it('writes at once what is pending when the page is being left', () => {
    marbles().run(({ cold, hot, expectObservable }) => {
      const changes = cold('a-b');
      const leaving = hot('---x');
      expectObservable(changes.pipe(settledOrLeaving(100, leaving))).toBe('---b');
    });
  });
});
