import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Allocation } from '../../shared/allocation';
import { AllocationEditor } from './allocation-editor';

const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('AllocationEditor', () => {
  let fixture: ComponentFixture<AllocationEditor>;
  let element: HTMLElement;
  let emitted: (readonly Allocation[])[];

  beforeEach(async () => {
    fixture = TestBed.createComponent(AllocationEditor);
    fixture.componentRef.setInput('participants', [ALICE, BOB]);
    fixture.componentRef.setInput('assets', [{ symbol: 'ytest.usd', decimals: 6 }]);
    fixture.componentRef.setInput('totals', { 'ytest.usd': '10' });
    fixture.componentRef.setInput('current', [
      { participant: ALICE, asset: 'ytest.usd', amount: '10' },
    ]);
    fixture.componentRef.setInput('me', ALICE);
    fixture.componentRef.setInput('submitLabel', 'Close session');
    emitted = [];
    fixture.componentInstance.submitted.subscribe((split) => emitted.push(split));
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  const inputs = () =>
    Array.from(element.querySelectorAll<HTMLInputElement>('input[data-participant]'));
  const submit = () => element.querySelector<HTMLButtonElement>('button[type=submit]')!;
  async function type(index: number, text: string) {
    inputs()[index].value = text;
    inputs()[index].dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  it('starts from the current split, labels me, and can submit it', async () => {
    expect(inputs().map((i) => i.value)).toEqual(['10', '0']);
    expect(element.textContent).toContain('(you)');
    expect(submit().disabled).toBeFalse();
    submit().click();
    expect(emitted).toEqual([
      [
        { participant: ALICE, asset: 'ytest.usd', amount: '10' },
        { participant: BOB, asset: 'ytest.usd', amount: '0' },
      ],
    ]);
  });

  for (const [label, first, second, reason] of [
    ['negative', '-1', '11', 'An amount cannot be negative.'],
    ['too many decimals', '6.0000001', '3.9999999', 'ytest.usd allows at most 6 decimals.'],
    ['not summing', '6', '3', '1 ytest.usd left to assign'],
    ['not a number', 'abc', '10', 'is not a decimal amount'],
  ] as const) {
    it(`keeps submit disabled with the reason for a ${label} split`, async () => {
      await type(0, first);
      await type(1, second);
      expect(submit().disabled).toBeTrue();
      expect(element.querySelector('.why')?.textContent).toContain(reason);
      expect(submit().getAttribute('aria-describedby')).toBe(element.querySelector('.why')!.id);
      submit().click();
      element.querySelector('form')!.dispatchEvent(new Event('submit'));
      expect(emitted).toEqual([]);
    });
  }

  it('marks the invalid row for assistive technology', async () => {
    await type(0, '-1');
    const row = inputs()[0];
    expect(row.getAttribute('aria-invalid')).toBe('true');
    const described = element.querySelector(`#${row.getAttribute('aria-describedby')}`);
    expect(described?.textContent).toContain('cannot be negative');
    expect(inputs()[1].getAttribute('aria-invalid')).toBe('false');
  });

  it('shows the remaining amount live', async () => {
    await type(0, '7');
    expect(element.querySelector('.remaining')?.textContent).toContain('remaining 3');
    await type(1, '3');
    expect(element.querySelector('.remaining')?.textContent).toContain('remaining 0');
    expect(submit().disabled).toBeFalse();
    submit().click();
    expect(emitted[0].map((a) => a.amount)).toEqual(['7', '3']);
  });

  it('counts every keystroke that arrives before the view is refreshed', async () => {
    // A fast typist: several input events on one field, no change detection in between.
    const field = inputs()[0];
    field.select();
    for (const text of ['0', '0.', '0.5']) {
      field.value = text;
      field.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
    expect(inputs()[0].value).toBe('0.5');
    expect(element.querySelector('.remaining')?.textContent).toContain('remaining 9.5');
    // The other field next, as quickly, after a refresh of the view.
    for (const text of ['9', '9.', '9.5']) {
      inputs()[1].value = text;
      inputs()[1].dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['0.5', '9.5']);
    expect(element.querySelector('.remaining')?.textContent).toContain('remaining 0');
    submit().click();
    expect(emitted[0].map((a) => a.amount)).toEqual(['0.5', '9.5']);
  });

  it('keeps what was typed when the session is refreshed with the same content', async () => {
    await type(0, '6.5');
    // A reload of the session view hands over equal inputs in new objects.
    fixture.componentRef.setInput('participants', [ALICE, BOB]);
    fixture.componentRef.setInput('assets', [{ symbol: 'ytest.usd', decimals: 6 }]);
    fixture.componentRef.setInput('totals', { 'ytest.usd': '10' });
    fixture.componentRef.setInput('current', [
      { participant: ALICE, asset: 'ytest.usd', amount: '10' },
    ]);
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['6.5', '0']);
    expect(element.querySelector('.remaining')?.textContent).toContain('remaining 3.5');
  });

  it('keeps what was typed when an asset held at 0 leaves the refreshed view', async () => {
    fixture.componentRef.setInput('assets', [
      { symbol: 'eth', decimals: 18 },
      { symbol: 'ytest.usd', decimals: 6 },
    ]);
    fixture.componentRef.setInput('totals', { eth: '0', 'ytest.usd': '10' });
    await fixture.whenStable();
    const usd = () => element.querySelectorAll<HTMLInputElement>('input[data-asset="ytest.usd"]');
    usd()[1].value = '2.5';
    usd()[1].dispatchEvent(new Event('input'));
    await fixture.whenStable();
    // The shares read from the ledger list only the assets the session holds.
    fixture.componentRef.setInput('assets', [{ symbol: 'ytest.usd', decimals: 6 }]);
    fixture.componentRef.setInput('totals', { 'ytest.usd': '10' });
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['10', '2.5']);
    expect(element.querySelector('.remaining')?.textContent).toContain('remaining -2.5');
  });

  it('keeps a typed draft when the split really changed underneath, says so, and starts again on request', async () => {
    await type(0, '6.5');
    fixture.componentRef.setInput('current', [
      { participant: ALICE, asset: 'ytest.usd', amount: '4' },
      { participant: BOB, asset: 'ytest.usd', amount: '6' },
    ]);
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['6.5', '0']);
    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The session changed while you were editing');
    Array.from(alert!.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Start again from the new shares')!
      .click();
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['4', '6']);
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('follows a changed split silently while nothing was typed', async () => {
    fixture.componentRef.setInput('current', [
      { participant: ALICE, asset: 'ytest.usd', amount: '4' },
      { participant: BOB, asset: 'ytest.usd', amount: '6' },
    ]);
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['4', '6']);
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('applies presets', async () => {
    element.querySelectorAll<HTMLButtonElement>('.presets button')[0].click();
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['5', '5']);
    const select = element.querySelector<HTMLSelectElement>('select')!;
    select.value = BOB;
    select.dispatchEvent(new Event('change'));
    element.querySelectorAll<HTMLButtonElement>('.presets button')[1].click();
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['0', '10']);
    element.querySelectorAll<HTMLButtonElement>('.presets button')[2].click();
    await fixture.whenStable();
    expect(inputs().map((i) => i.value)).toEqual(['10', '0']);
  });

  it('stays disabled while busy or blocked from outside', async () => {
    fixture.componentRef.setInput(
      'blockedReason',
      'Your weight (0) does not meet the quorum (100).',
    );
    await fixture.whenStable();
    expect(submit().disabled).toBeTrue();
    expect(element.querySelector('.why')?.textContent).toContain('quorum');
    fixture.componentRef.setInput('blockedReason', null);
    fixture.componentRef.setInput('busy', true);
    await fixture.whenStable();
    expect(submit().disabled).toBeTrue();
  });

  it('renders addresses and errors as text only', async () => {
    await type(0, '<img src=x onerror=alert(1)>');
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('.row .error')?.textContent).toContain('<img');
  });
});
