import { firstValueFrom } from 'rxjs';
import { webLocks } from './tab-locks';

describe('webLocks', () => {
  // Locks are per origin: two instances here contend as two tabs would. Names are unique per run.
  const name = (what: string) => `test:${what}:${crypto.randomUUID()}`;

  it('gives a role to one tab only, and keeps it for the tab that has it', async () => {
    const role = name('proposer');
    const first = webLocks(navigator.locks);
    const second = webLocks(navigator.locks);
    expect(await firstValueFrom(first.claim(role))).toBeTrue();
    expect(await firstValueFrom(second.claim(role))).toBeFalse();
    expect(await firstValueFrom(first.claim(role))).toBeTrue();
    const held = await navigator.locks.query();
    expect(held.held?.filter((lock) => lock.name === role).length).toBe(1);
  });

  it('lets every tab act where the browser has no locks', async () => {
    expect(await firstValueFrom(webLocks(undefined).claim(name('any')))).toBeTrue();
  });
});
