import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Subject } from 'rxjs';
import { ClearNodeClient, SessionKeySigner } from '../../core';
import { initialAppState } from '../../testing/initial-app-state';
import { stateWithProposals } from '../../testing/proposals-state';
import { PROPOSED_AT } from '../components/operation-fixtures.spec-helper';
import { OperationInboxActions } from '../state/operations.actions';
import { ALICE, SESSION_ID } from '../state/testing/session-fixtures';
import { ProposalsPage } from './proposals-page';
import { NOW } from './ticking-now';

describe('ProposalsPage', () => {
  async function render(state: object) {
    TestBed.configureTestingModule({
      imports: [ProposalsPage],
      providers: [
        provideRouter([]),
        provideMockActions(() => new Subject()),
        provideMockStore({ initialState: state }),
        { provide: ClearNodeClient, useValue: {} },
        { provide: SessionKeySigner, useValue: {} },
        { provide: NOW, useValue: () => PROPOSED_AT + 30_000 },
      ],
    });
    const dispatch = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(ProposalsPage);
    await fixture.whenStable();
    return { element: fixture.nativeElement as HTMLElement, dispatch };
  }

  it('lists the proposals waiting for my answer, each linking to its session', async () => {
    const { element } = await render(stateWithProposals(2));
    const cards = Array.from(element.querySelectorAll('app-operation-card article'));
    expect(cards.map((card) => card.getAttribute('data-operation-id'))).toEqual([
      'waiting-1',
      'waiting-0',
    ]);
    // Under the page's h1, each card's heading is an h2.
    expect(cards[0].querySelector('h2 a')?.getAttribute('href')).toBe(`/sessions/${SESSION_ID}`);
    expect(cards[0].querySelector('[data-testid="countdown"]')?.textContent?.trim()).toBe(
      '9:31 left',
    );
    expect(element.querySelector('#escrow-note')?.textContent).toContain('not a trustless escrow');
    expect(element.textContent).not.toContain('Nothing waits for you');
  });

  it('approves and declines through the facade', async () => {
    const { element, dispatch } = await render(stateWithProposals(1));
    element.querySelector<HTMLButtonElement>('button[aria-label^="Decline the close"]')!.click();
    const action = dispatch.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof OperationInboxActions.declineClicked
    >;
    expect(action.type).toBe(OperationInboxActions.declineClicked.type);
    expect(action.operationId).toBe('waiting-0');
    expect(action.wallet).toBe(ALICE);
  });

  it('says when nothing waits', async () => {
    const { element } = await render({
      ...initialAppState,
      wallet: { ...initialAppState.wallet, address: ALICE },
    });
    expect(element.querySelector('app-operation-card')).toBeNull();
    expect(element.querySelector('.empty-state')?.textContent).toContain('Nothing waits for you.');
  });
});
