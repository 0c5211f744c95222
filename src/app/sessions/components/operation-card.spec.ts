import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OperationView } from '../state/operation-view.model';
import { ALICE, BOB, SESSION_ID } from '../state/testing/session-fixtures';
import { OperationCard } from './operation-card';
import { messageRefused } from '../co-signing/operation-transitions';
import { toOperationView } from '../state/operations.selectors';
import {
  anOperation,
  anOperationView,
  aSharedSession,
  CAROL,
  PROPOSED_AT,
} from './operation-fixtures.spec-helper';

const MALLORY = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

/** Text as it reads, whitespace from the template folded. */
const words = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim();

describe('OperationCard', () => {
  async function render(view: OperationView, now = PROPOSED_AT + 60_000, linkToSession = false) {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(OperationCard);
    fixture.componentRef.setInput('operation', view);
    fixture.componentRef.setInput('now', now);
    fixture.componentRef.setInput('linkToSession', linkToSession);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const buttons = () =>
      Array.from(element.querySelectorAll('button')).map((b) => b.textContent?.trim());
    const button = (text: string) =>
      Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;
    const text = (selector: string) => words(element.querySelector(selector));
    return { fixture, element, buttons, button, text };
  }

  it('says what kind of write it is, in which session, and who proposed it', async () => {
    const { text } = await render(anOperationView());
    expect(text('h3')).toBe('Close · Dinner');
    expect(text('.hint')).toContain('Proposed by 0x7099…79C8');
    const mine = await (TestBed.resetTestingModule(),
    render(anOperationView({ kind: 'operate', proposer: ALICE })));
    expect(mine.text('h3')).toBe('State update · Dinner');
    expect(mine.text('.hint')).toBe('Proposed by you');
  });

  it('takes the heading level of where it sits, and its article keeps that heading as its name', async () => {
    const { fixture, element } = await render(anOperationView());
    fixture.componentRef.setInput('headingLevel', 2);
    await fixture.whenStable();
    const heading = element.querySelector('h2');
    expect(words(heading)).toBe('Close · Dinner');
    expect(element.querySelector('h3')).toBeNull();
    expect(element.querySelector('article')?.getAttribute('aria-labelledby')).toBe(heading!.id);
  });

  it('shows, on demand, the exact request the node will be sent', async () => {
    const { element } = await render(anOperationView());
    const request = JSON.parse(element.querySelector('pre.request')?.textContent ?? 'null');
    expect(request.method).toBe('close_app_session');
    expect(request.params.allocations.map((row: { amount: string }) => row.amount)).toEqual([
      '4',
      '6',
      '0',
    ]);
  });

  it('shows before and after per participant and asset, marking mine', async () => {
    const { element } = await render(anOperationView());
    const row = (wallet: string) =>
      Array.from(element.querySelectorAll(`tr[data-participant="${wallet}"] > *`)).map(words);
    expect(row(ALICE)).toEqual(['0xf39F…2266 (you)', 'ytest.usd', '10', '4']);
    expect(row(BOB)).toEqual(['0x7099…79C8', 'ytest.usd', '0', '6']);
  });

  it('leaves out of what changes an asset nobody holds before or after', async () => {
    const { element } = await render(
      anOperationView({
        allocations: [
          { participant: ALICE, asset: 'eth', amount: '0' },
          { participant: BOB, asset: 'eth', amount: '0' },
          { participant: ALICE, asset: 'ytest.usd', amount: '4' },
          { participant: BOB, asset: 'ytest.usd', amount: '6' },
        ],
      }),
    );
    const assets = Array.from(element.querySelectorAll('tr[data-participant] > :nth-child(2)'));
    expect(assets.map(words)).toEqual(['ytest.usd', 'ytest.usd']);
  });

  it('lists the signers with weight and answer, and the weight against the quorum', async () => {
    const { element, text } = await render(anOperationView({ declinedBy: [CAROL] }));
    const signer = (wallet: string) =>
      Array.from(element.querySelectorAll(`tr[data-signer="${wallet}"] > *`)).map(words);
    expect(signer(BOB)).toEqual(['0x7099…79C8', '50', 'approved']);
    expect(signer(ALICE)).toEqual(['0xf39F…2266 (you)', '50', 'waiting']);
    expect(signer(CAROL)).toEqual(['0x3C44…93BC', '50', 'declined']);
    expect(text('[data-testid="weight"]')).toBe('50 of 100');
    const progress = element.querySelector('progress')!;
    expect(progress.value).toBe(50);
    expect(progress.max).toBe(100);
  });

  it('marks a funder as required', async () => {
    const { element } = await render(
      anOperationView({
        kind: 'deposit',
        allocations: [
          { participant: ALICE, asset: 'ytest.usd', amount: '10' },
          { participant: BOB, asset: 'ytest.usd', amount: '5' },
          { participant: CAROL, asset: 'ytest.usd', amount: '0' },
        ],
      }),
    );
    expect(element.querySelector(`tr[data-signer="${BOB}"] .badge`)?.textContent).toBe('required');
    expect(element.querySelector(`tr[data-signer="${ALICE}"] .badge`)).toBeNull();
  });

  it('counts down to the deadline while open', async () => {
    const { fixture, text } = await render(anOperationView(), PROPOSED_AT + 328_000);
    expect(text('[data-testid="countdown"]')).toBe('4:32 left');
    expect(text('[data-testid="status"]')).toBe('Waiting for approvals');
    fixture.componentRef.setInput('now', PROPOSED_AT + 329_000);
    await fixture.whenStable();
    expect(text('[data-testid="countdown"]')).toBe('4:31 left');
  });

  it('shows the final status in words, no countdown and no answers once it is over', async () => {
    const declined = anOperationView({ declinedBy: [ALICE, CAROL] });
    expect(declined.status).toBe('declined');
    const { element, text, buttons } = await render(declined);
    expect(text('[data-testid="status"]')).toBe('Declined');
    expect(element.querySelector('[data-testid="countdown"]')).toBeNull();
    expect(buttons()).toEqual([]);
  });

  it('shows the error the operation ended with', async () => {
    const failed: OperationView = {
      ...anOperationView(),
      status: 'failed',
      error: 'quorum not reached',
      awaitingMe: false,
      canWithdraw: false,
    };
    const { text } = await render(failed);
    expect(text('[data-testid="status"]')).toBe('Failed');
    expect(text('[data-testid="error"]')).toBe('quorum not reached');
  });

  it('offers Approve and Decline only when it waits for me, and emits them', async () => {
    const { buttons, button, fixture } = await render(anOperationView());
    expect(buttons()).toEqual(['Approve', 'Decline']);
    const approved = jasmine.createSpy('approve');
    const declined = jasmine.createSpy('decline');
    fixture.componentInstance.approve.subscribe(approved);
    fixture.componentInstance.decline.subscribe(declined);
    button('Approve').click();
    button('Decline').click();
    expect(approved).toHaveBeenCalledTimes(1);
    expect(declined).toHaveBeenCalledTimes(1);

    TestBed.resetTestingModule();
    const answered = await render(anOperationView({ approvedBy: [ALICE] }));
    expect(answered.buttons()).toEqual([]);
  });

  it('offers Withdraw and a ten-minute extension to the proposer only, and emits them', async () => {
    const { buttons, button, fixture } = await render(anOperationView({ proposer: ALICE }));
    expect(buttons()).toEqual(['Withdraw', 'Extend by 10 minutes']);
    const withdrawn = jasmine.createSpy('withdraw');
    const extended = jasmine.createSpy('extend');
    fixture.componentInstance.withdraw.subscribe(withdrawn);
    fixture.componentInstance.extend.subscribe(extended);
    button('Withdraw').click();
    button('Extend by 10 minutes').click();
    expect(withdrawn).toHaveBeenCalledTimes(1);
    expect(extended).toHaveBeenCalledOnceWith(600);
  });

  it('names every button after the operation, so that two cards never share a name', async () => {
    const first = await render(anOperationView({ id: 'a' }));
    const firstNames = Array.from(first.element.querySelectorAll('button')).map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(firstNames[0]).toMatch(/^Approve the close of Dinner proposed by 0x7099…79C8 at /);
    expect(firstNames[1]).toMatch(/^Decline the close of Dinner proposed by 0x7099…79C8 at /);
    TestBed.resetTestingModule();
    const second = await render(anOperationView({ id: 'b', at: PROPOSED_AT + 5000 }));
    const secondNames = Array.from(second.element.querySelectorAll('button')).map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(new Set([...firstNames, ...secondNames]).size).toBe(4);
  });

  it('keeps the history in a collapsible list with times', async () => {
    const { element } = await render(anOperationView({ approvedBy: [CAROL] }));
    expect(element.querySelector('details summary')?.textContent).toBe('History');
    const lines = Array.from(element.querySelectorAll('details li')).map((li) =>
      li.textContent?.trim(),
    );
    expect(lines.length).toBe(4);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d Proposed by 0x7099…79C8\.$/);
    expect(lines[3]).toContain('Approved by enough participants.');
  });

  it('shows in the history a message that was ignored, and why', async () => {
    const operation = messageRefused(
      anOperation(),
      { messageType: 'cosign.approve', sender: MALLORY, reason: 'not-their-key' },
      PROPOSED_AT + 3000,
    );
    const { element, text } = await render(toOperationView(operation, aSharedSession(), ALICE));
    const lines = Array.from(element.querySelectorAll('details li')).map(words);
    expect(lines.at(-1)).toMatch(
      /^\d\d:\d\d:\d\d Ignored an approval from 0x90F7…b906: its signature is not from the participant it names\.$/,
    );
    // The weight shown is what the proposer's own approval gathered, nothing more.
    expect(text('[data-testid="weight"]')).toBe('50 of 100');
  });

  it('links to the session when asked to', async () => {
    const { element } = await render(anOperationView(), PROPOSED_AT, true);
    expect(element.querySelector('h3 a')?.getAttribute('href')).toBe(`/sessions/${SESSION_ID}`);
  });
});
