import { TestBed } from '@angular/core/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { initialAppState } from '../testing/initial-app-state';
import { RefusedNodeAddressAlert } from './refused-node-address-alert';

describe('RefusedNodeAddressAlert', () => {
  function render(refusedAddress: { address: string; reason: string } | null) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            ...initialAppState,
            clearNode: {
              ...initialAppState.clearNode,
              nodeUrl: 'ws://127.0.0.1:8000/ws',
              refusedAddress,
            },
          },
        }),
      ],
    });
    const fixture = TestBed.createComponent(RefusedNodeAddressAlert);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('names the refused address as text, the reason, and the node used instead', () => {
    const element = render({
      address: 'javascript:alert(1)',
      reason: 'A ClearNode address starts with ws:// or wss://.',
    });
    const alert = element.querySelector('[role="alert"]')!;
    const title = element.querySelector(`#${alert.getAttribute('aria-labelledby')}`);
    expect(title?.textContent?.trim()).toBe("The link's ClearNode address was not used");
    expect(alert.textContent).toContain(
      'javascript:alert(1): A ClearNode address starts with ws:// or wss://.',
    );
    expect(alert.textContent).toContain('The app is using ws://127.0.0.1:8000/ws instead.');
    expect(alert.querySelector('a')).toBeNull();
  });

  it('is absent when the link named no address or a good one', () => {
    expect(render(null).querySelector('[role="alert"]')).toBeNull();
  });
});
