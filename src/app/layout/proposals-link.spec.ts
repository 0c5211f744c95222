import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { initialAppState } from '../testing/initial-app-state';
import { stateWithProposals } from '../testing/proposals-state';
import { ProposalsLink } from './proposals-link';

describe('ProposalsLink', () => {
  async function render(state: object) {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideMockStore({ initialState: state })],
    });
    const fixture = TestBed.createComponent(ProposalsLink);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { link: element.querySelector('a')!, element };
  }

  it('shows how many proposals wait for my answer, in its name too', async () => {
    const { link, element } = await render(stateWithProposals(2));
    expect(link.getAttribute('href')).toBe('/proposals');
    expect(link.getAttribute('aria-label')).toBe('Proposals, 2 waiting');
    expect(element.querySelector('[data-testid="proposals-count"]')?.textContent).toBe('2');
  });

  it('shows no count when nothing waits', async () => {
    const { link, element } = await render(initialAppState);
    expect(link.textContent?.trim()).toBe('Proposals');
    expect(link.getAttribute('aria-label')).toBe('Proposals, none waiting');
    expect(element.querySelector('[data-testid="proposals-count"]')).toBeNull();
  });
});
