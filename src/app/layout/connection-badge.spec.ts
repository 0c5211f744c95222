import { TestBed } from '@angular/core/testing';
import type { ConnectionStatus } from '../core';
import { ConnectionBadge } from './connection-badge';

const idle: ConnectionStatus = {
  phase: 'idle',
  url: null,
  attempt: 0,
  retryAt: null,
  brokerAddress: null,
  error: null,
};

describe('ConnectionBadge', () => {
  function render(status: Partial<ConnectionStatus>, now = 1_000_000) {
    const fixture = TestBed.createComponent(ConnectionBadge);
    fixture.componentRef.setInput('status', { ...idle, url: 'ws://x/ws', ...status });
    fixture.componentRef.setInput('now', now);
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    return {
      fixture,
      element,
      label: element.querySelector('[data-testid="connection-status"]')?.textContent?.trim(),
    };
  }

  it('names each phase', () => {
    expect(render({ phase: 'connecting' }).label).toBe('Connecting…');
    expect(render({ phase: 'online' }).label).toBe('Online');
    expect(render({ phase: 'offline' }).label).toBe('Offline');
    expect(render({ phase: 'idle' }).label).toBe('Not connected');
  });

  it('counts down to the next attempt', () => {
    expect(render({ phase: 'reconnecting', retryAt: 1_004_200 }).label).toBe('Reconnecting in 5 s');
    expect(render({ phase: 'reconnecting', retryAt: 999_000 }).label).toBe('Reconnecting…');
  });

  it('offers a retry only while not connected', () => {
    expect(render({ phase: 'online' }).element.querySelector('button')).toBeNull();
    const { fixture, element } = render({ phase: 'reconnecting', retryAt: 1_010_000 });
    let retried = 0;
    fixture.componentInstance.retry.subscribe(() => retried++);
    element.querySelector('button')!.click();
    expect(retried).toBe(1);
  });
});
