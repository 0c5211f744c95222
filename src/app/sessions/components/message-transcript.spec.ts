import type { CdkVirtualForOfContext } from '@angular/cdk/scrolling';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { MessageView } from '../state/session-view.model';
import { MessageTranscript } from './message-transcript';

const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const KEY = '0x2222222222222222222222222222222222222222';

function view(id: string, overrides: Partial<MessageView>): MessageView {
  return {
    id,
    type: 'text',
    body: 'hi',
    sender: BOB,
    verified: true,
    unverifiedReason: null,
    mine: false,
    sentAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** The virtual list renders in steps (measure, then render what fits): let it settle. */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await fixture.whenStable();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

const many = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => view(String(from + i), { body: `message ${from + i}` }));

describe('MessageTranscript', () => {
  it('shows verified messages as from their participant, mine as mine, and flags unverified senders with the reason', async () => {
    const fixture = TestBed.createComponent(MessageTranscript);
    fixture.componentRef.setInput('messages', [
      view('1', { sender: ALICE, mine: true, body: 'from me' }),
      view('2', { body: '<b>from Bob</b>' }),
      view('3', { sender: KEY, verified: false, unverifiedReason: 'no-attestation' }),
      view('4', { sender: KEY, verified: false, unverifiedReason: 'signature-mismatch' }),
      view('5', { sender: KEY, verified: false, unverifiedReason: 'not-participant' }),
      view('6', { sender: KEY, verified: false, unverifiedReason: 'key-expired' }),
    ]);
    await fixture.whenStable();
    const items = [...(fixture.nativeElement as HTMLElement).querySelectorAll('li')];
    expect(
      items.map((li) => [li.dataset['mine'], li.dataset['verified'], li.dataset['sender']]),
    ).toEqual([
      ['true', 'true', ALICE],
      ['false', 'true', BOB],
      ['false', 'false', KEY],
      ['false', 'false', KEY],
      ['false', 'false', KEY],
      ['false', 'false', KEY],
    ]);
    expect(items[0].querySelector('.sender')?.textContent).toBe('You');
    expect(items[0].textContent).toContain('verified');
    expect(items[1].querySelector('.sender')?.textContent).toBe('0x7099…79C8');
    expect(items[1].querySelector('.verified')).not.toBeNull();
    expect(items[1].querySelector('b')).toBeNull();
    expect(items[1].querySelector('.body')?.textContent).toBe('<b>from Bob</b>');
    // Never named as a participant: the signing key, and why it is not trusted.
    expect(items[2].querySelector('.sender')?.textContent).toBe('0x2222…2222');
    expect(items[2].querySelector('.verified')).toBeNull();
    expect(items.slice(2).map((li) => li.querySelector('.flag')?.textContent?.trim())).toEqual([
      'Unverified sender: the message carries no wallet attestation for its session key',
      'Unverified sender: the attestation does not match the signature',
      'Unverified sender: the attesting wallet is not a participant of this session',
      'Unverified sender: the session key has expired',
    ]);
  });

  describe('as a virtual list', () => {
    let fixture: ComponentFixture<MessageTranscript>;
    const element = () => fixture.nativeElement as HTMLElement;
    const viewport = () => element().querySelector<HTMLElement>('cdk-virtual-scroll-viewport')!;
    const bodies = () =>
      [...element().querySelectorAll('ol li .body')].map((body) => body.textContent);
    const atBottom = () =>
      viewport().scrollHeight - viewport().scrollTop - viewport().clientHeight < 8;

    beforeEach(() => {
      fixture = TestBed.createComponent(MessageTranscript);
    });

    it('keeps only the messages near view in the page and shows the newest first', async () => {
      fixture.componentRef.setInput('messages', many(200));
      await settle(fixture);
      expect(element().querySelector('ol')?.getAttribute('aria-label')).toBe('Messages');
      expect(bodies().length).toBeGreaterThan(3);
      expect(bodies().length).toBeLessThan(40);
      expect(bodies()).toContain('message 200');
      expect(bodies()).not.toContain('message 1');
      expect(atBottom()).withContext('scrolled to the newest').toBeTrue();
    });

    it('follows new messages at the bottom, and stays put once the person scrolled up', async () => {
      fixture.componentRef.setInput('messages', many(100));
      await settle(fixture);
      fixture.componentRef.setInput('messages', many(101));
      await settle(fixture);
      expect(bodies()).toContain('message 101');
      expect(atBottom()).toBeTrue();

      viewport().scrollTop = 0;
      await settle(fixture);
      expect(bodies()).toContain('message 1');
      fixture.componentRef.setInput('messages', many(102));
      await settle(fixture);
      expect(viewport().scrollTop).toBe(0);
      expect(bodies()).toContain('message 1');
      expect(bodies()).not.toContain('message 102');
    });

    it('says how many older messages were dropped, above the list', async () => {
      fixture.componentRef.setInput('messages', many(200, 51));
      fixture.componentRef.setInput('dropped', 50);
      fixture.componentRef.setInput('kept', 200);
      await settle(fixture);
      expect(element().querySelector('#messages-dropped')?.textContent?.trim()).toBe(
        '50 older messages were dropped: this browser keeps the latest 200 of a session.',
      );
    });

    it('announces the newest message in a live region, not by rendering the list', async () => {
      fixture.componentRef.setInput('messages', many(3));
      await settle(fixture);
      const live = element().querySelector('[aria-live]')!;
      expect(live.tagName).toBe('P');
      expect(
        element().querySelector('ol[aria-live], cdk-virtual-scroll-viewport[aria-live]'),
      ).toBeNull();
      expect(live.textContent?.trim()).toBe('0x7099…79C8: message 3');
      fixture.componentRef.setInput('messages', [
        ...many(3),
        view('4', { sender: ALICE, mine: true, body: 'mine' }),
      ]);
      await settle(fixture);
      expect(live.textContent?.trim()).toBe('You: mine');
    });

    it('says there are no messages yet', async () => {
      fixture.componentRef.setInput('messages', []);
      await settle(fixture);
      expect(element().textContent).toContain('No messages yet.');
    });
  });

  it('keeps no row tied to a list it was given before', async () => {
    const fixture = TestBed.createComponent(MessageTranscript);
    const first = many(2);
    fixture.componentRef.setInput('messages', first);
    await settle(fixture);
    fixture.componentRef.setInput('messages', many(3));
    await settle(fixture);
    const rows = fixture.debugElement.queryAll(By.css('li'));
    expect(rows.length).toBe(3);
    for (const row of rows) {
      const context = row.context as CdkVirtualForOfContext<MessageView>;
      expect(context.cdkVirtualForOf).not.toBe(first);
    }
  });
});
