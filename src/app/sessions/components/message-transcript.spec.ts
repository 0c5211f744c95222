import { TestBed } from '@angular/core/testing';
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
});
