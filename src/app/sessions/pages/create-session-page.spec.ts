import { TestBed } from '@angular/core/testing';
import { MockStore } from '@ngrx/store/testing';
import { CreateProgress } from '../state/app-session.model';
import { selectCreateProgress } from '../state/written-alone.selectors';
import { sessionsPageProviders } from '../state/testing/sessions-test-providers.spec-helper';
import { CreateSessionPage } from './create-session-page';
import { selectSignedIn } from '../../core';

describe('CreateSessionPage', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(signedIn: boolean, create: CreateProgress | null) {
    TestBed.configureTestingModule({
      imports: [CreateSessionPage],
      providers: sessionsPageProviders([]),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectSignedIn, signedIn);
    store.overrideSelector(selectCreateProgress, create);
    const fixture = TestBed.createComponent(CreateSessionPage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const unknown: CreateProgress = {
    key: 'create:1',
    status: 'unknown',
    sessionId: '0x01',
    error: null,
    afterUnknown: true,
  };

  it('says a create of unknown outcome is being checked while the connection is down (signed out until it resumes)', async () => {
    const element = await render(false, unknown);
    expect(element.querySelector('#create-unknown')?.textContent).toContain(
      'checking whether the node opened it',
    );
    expect(element.querySelector('#create-error')).toBeNull();
  });

  it('says it once signed in again, without an error', async () => {
    const element = await render(true, unknown);
    expect(element.querySelectorAll('#create-unknown').length).toBe(1);
    expect(element.querySelector('#create-error')).toBeNull();
  });
});
