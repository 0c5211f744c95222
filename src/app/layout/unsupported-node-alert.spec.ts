import { TestBed } from '@angular/core/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { initialAppState } from '../testing/initial-app-state';
import { UnsupportedNodeAlert } from './unsupported-node-alert';

const reason =
  'This app speaks ClearNode protocol v0.5; the node at wss://nitronode-sandbox.yellow.org/v1/ws speaks protocol v1, so they cannot talk.';

describe('UnsupportedNodeAlert', () => {
  function render(unsupportedReason: string | null) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            ...initialAppState,
            clearNode: { ...initialAppState.clearNode, unsupportedReason },
          },
        }),
      ],
    });
    const fixture = TestBed.createComponent(UnsupportedNodeAlert);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the whole reason as an alert named for what it is', () => {
    const element = render(reason);
    const alert = element.querySelector('[role="alert"]')!;
    const title = element.querySelector(`#${alert.getAttribute('aria-labelledby')}`);
    expect(title?.textContent?.trim()).toBe('This ClearNode speaks another protocol');
    expect(element.querySelector('[data-testid="unsupported-reason"]')?.textContent?.trim()).toBe(
      reason,
    );
  });

  it('is absent while the node speaks the app’s protocol', () => {
    expect(render(null).querySelector('[role="alert"]')).toBeNull();
  });
});
