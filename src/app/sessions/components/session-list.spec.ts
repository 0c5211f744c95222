import type { CdkVirtualForOfContext } from '@angular/cdk/scrolling';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import type { SessionView } from '../state/session-view.model';
import { SessionList } from './session-list';

const ME = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

function sessionView(n: number): SessionView {
  const id = `0x${n.toString(16).padStart(64, '0')}`;
  return {
    session: { id, version: n, updatedAt: 1_700_000_000_000 + n },
    title: `Session ${n}`,
    participants: [
      { address: ME, isMe: true },
      { address: BOB, isMe: false },
    ],
    totals: [{ asset: 'usdc', amount: '10' }],
    myShare: [{ asset: 'usdc', amount: '5' }],
    sharesKnown: true,
    finalSplitError: null,
  } as unknown as SessionView;
}

/** The virtual list renders in steps (measure, then render what fits): let it settle. */
async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await fixture.whenStable();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

describe('SessionList', () => {
  let fixture: ComponentFixture<SessionList>;
  const element = () => fixture.nativeElement as HTMLElement;
  const bodyRows = () => [...element().querySelectorAll<HTMLElement>('tbody tr')];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    fixture = TestBed.createComponent(SessionList);
  });

  it('shows every row of a short list, each a row of a named table with its link', async () => {
    fixture.componentRef.setInput('sessions', [sessionView(1), sessionView(2)]);
    fixture.componentRef.setInput('caption', 'Active sessions');
    await settle(fixture);
    const table = element().querySelector('table')!;
    expect(table.querySelector('caption')?.textContent?.trim()).toBe('Active sessions');
    expect(table.getAttribute('aria-rowcount')).toBe('3');
    expect(bodyRows().map((row) => row.querySelector('th[scope="row"] a')?.textContent)).toEqual([
      'Session 1',
      'Session 2',
    ]);
    expect(bodyRows().map((row) => row.getAttribute('aria-rowindex'))).toEqual(['2', '3']);
    // The list is no taller than its rows.
    const viewport = element().querySelector<HTMLElement>('cdk-virtual-scroll-viewport')!;
    expect(viewport.scrollHeight).toBeLessThanOrEqual(viewport.clientHeight + 1);
  });

  it('puts only the rows in and near view in the page, and the others as they are scrolled to', async () => {
    fixture.componentRef.setInput(
      'sessions',
      Array.from({ length: 1000 }, (_, i) => sessionView(i + 1)),
    );
    await settle(fixture);
    const table = element().querySelector('table')!;
    expect(table.getAttribute('aria-rowcount')).toBe('1001');
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(bodyRows().length).toBeLessThan(60);
    expect(bodyRows()[0].textContent).toContain('Session 1');

    const viewport = element().querySelector<HTMLElement>('cdk-virtual-scroll-viewport')!;
    viewport.scrollTop = viewport.scrollHeight;
    await settle(fixture);
    viewport.scrollTop = viewport.scrollHeight;
    await settle(fixture);
    const last = bodyRows().at(-1)!;
    expect(last.getAttribute('aria-rowindex')).toBe('1001');
    expect(last.querySelector('a')?.textContent).toBe('Session 1000');
    expect(last.querySelector('a')?.getAttribute('href')).toBe(
      `/sessions/0x${(1000).toString(16).padStart(64, '0')}`,
    );
    expect(bodyRows().length).toBeLessThan(60);
    // The last row is in view, not below the end of the list.
    const rowBox = last.getBoundingClientRect();
    const viewBox = viewport.getBoundingClientRect();
    expect(rowBox.bottom).toBeLessThanOrEqual(viewBox.bottom + 1);
    expect(rowBox.top).toBeGreaterThanOrEqual(viewBox.top - 1);
  });

  it('grows with a row whose content grew (shares read after the row first showed)', async () => {
    const loading = { ...sessionView(3), totals: [], myShare: [], sharesKnown: false };
    fixture.componentRef.setInput('sessions', [loading as SessionView]);
    await settle(fixture);
    const assets = ['usdc', 'eth', 'dai', 'wbtc', 'usdt'].map((asset) => ({ asset, amount: '1' }));
    fixture.componentRef.setInput('sessions', [
      { ...sessionView(3), totals: assets, myShare: assets } as SessionView,
    ]);
    await settle(fixture);
    const viewport = element().querySelector<HTMLElement>('cdk-virtual-scroll-viewport')!;
    const row = bodyRows()[0];
    expect(row.textContent).toContain('1 wbtc');
    // The whole row shows; the list does not scroll inside itself for one row.
    expect(viewport.scrollHeight).toBeLessThanOrEqual(viewport.clientHeight + 1);
    expect(row.getBoundingClientRect().bottom).toBeLessThanOrEqual(
      viewport.getBoundingClientRect().bottom + 1,
    );
  });

  it('asks again for a final split from the row that failed', async () => {
    fixture.componentRef.setInput('sessions', [
      { ...sessionView(7), totals: [], finalSplitError: 'timeout' } as SessionView,
    ]);
    const asked: string[] = [];
    fixture.componentInstance.retryFinalSplit.subscribe((id) => asked.push(id));
    await settle(fixture);
    const button = element().querySelector<HTMLButtonElement>('tbody button')!;
    expect(button.getAttribute('aria-label')).toBe('Read the final split of Session 7 again');
    button.click();
    expect(asked).toEqual([sessionView(7).session.id]);
  });

  it('keeps no row tied to a list it was given before', async () => {
    const first = [sessionView(1), sessionView(2)];
    fixture.componentRef.setInput('sessions', first);
    await settle(fixture);
    fixture.componentRef.setInput('sessions', [sessionView(3), sessionView(1), sessionView(2)]);
    await settle(fixture);
    const rows = fixture.debugElement.queryAll(By.css('tbody tr'));
    expect(rows.length).toBe(3);
    for (const row of rows) {
      const context = row.context as CdkVirtualForOfContext<SessionView>;
      expect(context.cdkVirtualForOf).not.toBe(first);
    }
  });
});
