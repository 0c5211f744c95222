import { TestBed } from '@angular/core/testing';
import type { TimelineEntry } from '../history/session-timeline';
import { SessionTimeline } from './session-timeline';

const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('SessionTimeline', () => {
  it('shows each step with its version, signers and shares, and says what this device did not see', async () => {
    const steps: TimelineEntry[] = [
      {
        kind: 'create',
        version: 1,
        at: Date.parse('2026-12-01T10:00:00Z'),
        signers: [],
        allocations: [{ participant: ALICE, asset: 'usdc', amount: '10' }],
        sessionData: null,
        source: 'node',
      },
      {
        kind: 'close',
        version: 2,
        at: Date.parse('2026-12-01T11:00:00Z'),
        signers: [ALICE, BOB],
        allocations: [
          { participant: ALICE, asset: 'usdc', amount: '7.25' },
          { participant: BOB, asset: 'usdc', amount: '2.75' },
        ],
        sessionData: null,
        source: 'operation',
      },
    ];
    const fixture = TestBed.createComponent(SessionTimeline);
    fixture.componentRef.setInput('steps', steps);
    fixture.componentRef.setInput('me', ALICE);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const cells = (kind: string) =>
      Array.from(element.querySelectorAll(`tr[data-step="${kind}"] > *`)).map((cell) =>
        cell.textContent?.replace(/\s+/g, ' ').trim(),
      );
    expect(element.querySelector('caption')?.textContent?.trim()).toBe('Timeline');
    const opened = cells('create');
    expect(opened[0]).toBe('Opened');
    expect(opened[1]).toBe('1');
    expect(opened[3]).toBe('not seen on this device');
    const closed = cells('close');
    expect(closed[0]).toBe('Closed');
    expect(closed[3]).toBe('you, 0x7099…79C8');
    expect(closed[4]).toBe('you 7.25 usdc 0x7099…79C8 2.75 usdc');
  });
});
