import { ComponentFixture, TestBed } from '@angular/core/testing';
import { OlderHistory } from './older-history';

describe('OlderHistory', () => {
  let fixture: ComponentFixture<OlderHistory>;
  let requests: number;

  function show(
    state: 'idle' | 'loading' | 'exhausted' | 'failed',
    mayHaveMore: boolean,
    error: string | null = null,
  ): HTMLElement {
    fixture.componentRef.setInput('state', state);
    fixture.componentRef.setInput('mayHaveMore', mayHaveMore);
    fixture.componentRef.setInput('error', error);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }
  const button = (host: HTMLElement) => host.querySelector('button');

  beforeEach(() => {
    fixture = TestBed.createComponent(OlderHistory);
    fixture.componentRef.setInput('shown', 50);
    requests = 0;
    fixture.componentInstance.requested.subscribe(() => requests++);
  });

  it('offers older sessions while the node may have some, and asks once per click', () => {
    const host = show('idle', true);
    expect(button(host)?.textContent?.trim()).toBe('Show older sessions');
    button(host)!.click();
    expect(requests).toBe(1);
  });

  it('shows progress while reading, with the button disabled', () => {
    const host = show('loading', true);
    expect(button(host)?.disabled).toBeTrue();
    expect(button(host)?.getAttribute('aria-busy')).toBe('true');
    expect(host.querySelector('[role="status"]')?.textContent).toContain('Reading older closed');
  });

  it('says why a read failed and offers to try again', () => {
    const host = show('failed', true, 'the node is busy');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('the node is busy');
    expect(button(host)?.textContent?.trim()).toBe('Try older sessions again');
  });

  it('says when every closed session is shown, and offers nothing more', () => {
    const host = show('exhausted', false);
    expect(button(host)).toBeNull();
    expect(host.querySelector('[role="status"]')?.textContent).toContain('All 50 closed sessions');
  });

  it('offers nothing while the history holds fewer than it keeps', () => {
    expect(button(show('idle', false))).toBeNull();
  });
});
