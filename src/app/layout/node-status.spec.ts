import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { ClearNodeClient, type ConnectionStatus } from '../core';
import { initialAppState } from '../testing/initial-app-state';
import { NodeStatus } from './node-status';

const url = 'ws://127.0.0.1:8000/ws';

describe('NodeStatus', () => {
  function render(status: Partial<ConnectionStatus>, untrustedReason: string | null = null) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            ...initialAppState,
            clearNode: { ...initialAppState.clearNode, nodeUrl: url, untrustedReason },
          },
        }),
        {
          provide: ClearNodeClient,
          useValue: { status: signal({ ...initialAppState.clearNode.connection, url, ...status }) },
        },
      ],
    });
    const fixture = TestBed.createComponent(NodeStatus);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('names a connection error in the bar while reconnecting', () => {
    const element = render({ phase: 'reconnecting', retryAt: null, error: `cannot reach ${url}` });
    expect(element.querySelector('[data-testid="connection-error"]')?.textContent).toBe(
      `cannot reach ${url}`,
    );
  });

  it('leaves an untrusted node to the alert that shows its reason whole, not a cut-off copy', () => {
    const reason = 'The ClearNode at ws://127.0.0.1:8000/ws now signs as 0xB, not 0xA as before.';
    const element = render({ phase: 'offline', error: reason }, reason);
    expect(element.querySelector('[data-testid="connection-error"]')).toBeNull();
    expect(element.querySelector('[data-testid="connection-status"]')?.textContent).toBe('Offline');
  });
});
