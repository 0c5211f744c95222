import { Actions } from '@ngrx/effects';
import { lastValueFrom, of } from 'rxjs';
import type { NitroliteSdk, NitroliteSdkLoader } from '../../clearnode/nitrolite-sdk';
import { marbles } from '../../../testing/test-scheduler';
import { AuthApiActions } from './auth.actions';
import { prefetchSdkForSignIn } from './sdk-prefetch.effects';

describe('prefetchSdkForSignIn', () => {
  const scope = { wallet: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', nodeUrl: 'ws://x/ws' };
  const signInRequired = AuthApiActions.signInRequired({ ...scope, reason: null });
  const reauthenticated = AuthApiActions.reauthenticated({
    ...scope,
    sessionKey: '0x1',
    expiresAt: 1,
    allowances: [],
  });
  let sdk: jasmine.SpyObj<NitroliteSdkLoader>;

  beforeEach(() => {
    sdk = jasmine.createSpyObj<NitroliteSdkLoader>('NitroliteSdkLoader', ['load']);
    sdk.load.and.resolveTo({} as NitroliteSdk);
  });

  it('loads the SDK once the browser is idle after a sign-in turns out to be needed', () => {
    marbles().run(({ hot, cold, expectObservable, flush }) => {
      const actions = new Actions(hot('-a', { a: signInRequired }));
      expectObservable(
        prefetchSdkForSignIn(actions, sdk, null, () => cold('---(i|)', { i: undefined })),
      ).toBe('----i', { i: undefined });
      flush();
      expect(sdk.load).toHaveBeenCalledTimes(1);
    });
  });

  it('never loads it on a resume: a signed-in reload does not need the SDK', () => {
    marbles().run(({ hot, cold, expectObservable, flush }) => {
      const actions = new Actions(hot('-a-a', { a: reauthenticated }));
      expectObservable(
        prefetchSdkForSignIn(actions, sdk, null, () => cold('-(i|)', { i: undefined })),
      ).toBe('');
      flush();
      expect(sdk.load).not.toHaveBeenCalled();
    });
  });

  it('ignores further triggers while it waits for the idle moment', () => {
    marbles().run(({ hot, cold, expectObservable, flush }) => {
      const signedOut = AuthApiActions.signedOut({ ...scope, message: 'bye' });
      const actions = new Actions(hot('-ab-----a', { a: signInRequired, b: signedOut }));
      expectObservable(
        prefetchSdkForSignIn(actions, sdk, null, () => cold('---(i|)', { i: undefined })),
      ).toBe('----i------i', { i: undefined });
      flush();
      expect(sdk.load).toHaveBeenCalledTimes(2);
    });
  });

  it('swallows a failed download: the sign-in loads it again and reports it there', async () => {
    sdk.load.and.rejectWith(new Error('offline'));
    const emitted = await lastValueFrom(
      prefetchSdkForSignIn(new Actions(of(signInRequired)), sdk, null, () => of(undefined)),
    );
    // Give an unhandled rejection the chance to surface as a failure of this spec.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(emitted).toBeUndefined();
    expect(sdk.load).toHaveBeenCalledTimes(1);
  });
});
