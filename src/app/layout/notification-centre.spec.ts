import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { selectActiveNoticeCount, selectNotices, type Notice } from '../sessions';
import { NotificationCentre } from './notification-centre';

const SESSION = '0x8ab0c49766b17d0bcc1a9d0110198f7d0ce5a7b18aa2ce8db6c94972d0d03d30';

function aNotice(overrides: Partial<Notice>): Notice {
  return {
    id: 'op-1',
    group: 'waiting',
    sessionId: SESSION,
    title: 'Close · Dinner',
    detail: 'Proposed by 0x7099…79C8: waiting for your answer',
    at: Date.now() + 1000,
    ...overrides,
  };
}

describe('NotificationCentre', () => {
  let store: MockStore;

  async function render(notices: Notice[]) {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideMockStore()] });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectNotices, notices);
    store.overrideSelector(
      selectActiveNoticeCount,
      notices.filter((n) => n.group !== 'recent').length,
    );
    const fixture = TestBed.createComponent(NotificationCentre);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, toggle: element.querySelector('button')! };
  }

  function update(notices: Notice[]) {
    store.overrideSelector(selectNotices, notices);
    store.refreshState();
  }

  it('counts what still asks for something, and lists it by group when opened', async () => {
    const { fixture, element, toggle } = await render([
      aNotice({ id: 'a' }),
      aNotice({ id: 'b', group: 'unknown', title: 'Deposit · Rent', detail: 'Sent, but…' }),
      aNotice({ id: 'c', group: 'recent', title: 'Close · Lunch', detail: 'Done' }),
    ]);
    expect(toggle.getAttribute('aria-label')).toBe('Notifications, 2 active');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const panel = element.querySelector<HTMLElement>('#notification-panel')!;
    expect(panel.hidden).toBeTrue();

    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBeFalse();
    expect(Array.from(panel.querySelectorAll('h2')).map((h) => h.textContent)).toEqual([
      'Waiting for you',
      'Outcome unknown',
      'Recent results',
    ]);
    const link = panel.querySelector('a')!;
    expect(link.textContent?.trim()).toBe('Close · Dinner');
    expect(link.getAttribute('href')).toBe(`/sessions/${SESSION}`);

    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await fixture.whenStable();
    expect(panel.hidden).toBeTrue();
    expect(document.activeElement).toBe(toggle);
  });

  it('toasts, politely, a proposal that arrives and a result that comes in, not what was there before', async () => {
    jasmine.clock().install();
    try {
      const earlier = aNotice({ id: 'old', at: Date.now() - 60_000 });
      const { fixture, element } = await render([earlier]);
      const live = element.querySelector('[aria-live="polite"]')!;
      expect(live.getAttribute('role')).toBe('status');
      expect(live.textContent?.trim()).toBe('');

      update([earlier, aNotice({ id: 'new' })]);
      await fixture.whenStable();
      expect(live.textContent).toContain('Close · Dinner');
      expect(live.querySelectorAll('.toast').length).toBe(1);

      // Already shown in this group: moving within it is not news again.
      update([earlier, aNotice({ id: 'new', detail: 'still waiting' })]);
      await fixture.whenStable();
      expect(live.querySelectorAll('.toast').length).toBe(1);

      jasmine.clock().tick(8001);
      await fixture.whenStable();
      expect(live.querySelectorAll('.toast').length).toBe(0);
      update([earlier, aNotice({ id: 'new', group: 'recent', detail: 'Done' })]);
      await fixture.whenStable();
      expect(live.textContent).toContain('Done');
    } finally {
      jasmine.clock().uninstall();
    }
  });
});
