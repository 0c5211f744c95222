import { TestBed } from '@angular/core/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { initialAppState } from '../testing/initial-app-state';
import { UntrustedNodeAlert } from './untrusted-node-alert';

const reason =
  'The ClearNode at ws://127.0.0.1:8000/ws now signs as 0x90F79bf6EB2c4f870365E785982E1f101E93b906, not 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC as before. The app does not trust it; reload the page if the node was reset on purpose.';

describe('UntrustedNodeAlert', () => {
  function render(untrustedReason: string | null) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            ...initialAppState,
            clearNode: { ...initialAppState.clearNode, untrustedReason },
          },
        }),
      ],
    });
    const fixture = TestBed.createComponent(UntrustedNodeAlert);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the whole reason as an alert named for what it is', () => {
    const element = render(reason);
    const alert = element.querySelector('[role="alert"]')!;
    const title = element.querySelector(`#${alert.getAttribute('aria-labelledby')}`);
    expect(title?.textContent?.trim()).toBe('This ClearNode is not trusted');
    expect(element.querySelector('[data-testid="untrusted-reason"]')?.textContent?.trim()).toBe(
      reason,
    );
  });

  it('is absent while the node is trusted', () => {
    expect(render(null).querySelector('[role="alert"]')).toBeNull();
  });
});
