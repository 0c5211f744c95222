import { TestBed } from '@angular/core/testing';
import type { HistoryFilter } from '../history/history-filter';
import { HistoryControls } from './history-controls';

describe('HistoryControls', () => {
  async function render(shown: number, total: number) {
    const fixture = TestBed.createComponent(HistoryControls);
    fixture.componentRef.setInput('filter', { query: 'din', application: '' });
    fixture.componentRef.setInput('applications', ['chess', 'nitrolite-sessions']);
    fixture.componentRef.setInput('shown', shown);
    fixture.componentRef.setInput('total', total);
    const changes: HistoryFilter[] = [];
    fixture.componentInstance.filterChange.subscribe((filter) => changes.push(filter));
    await fixture.whenStable();
    return { element: fixture.nativeElement as HTMLElement, changes };
  }

  it('passes on a new search or application, keeping the other half of the filter', async () => {
    const { element, changes } = await render(2, 5);
    const search = element.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(search.value).toBe('din');
    search.value = 'dinner';
    search.dispatchEvent(new Event('input'));
    const select = element.querySelector('select')!;
    expect(Array.from(select.options).map((o) => o.text.trim())).toEqual([
      'All applications',
      'chess',
      'nitrolite-sessions',
    ]);
    select.value = 'chess';
    select.dispatchEvent(new Event('change'));
    expect(changes).toEqual([
      { query: 'dinner', application: '' },
      { query: 'din', application: 'chess' },
    ]);
    expect(element.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      '2 of 5 closed sessions match; an export holds those shown.',
    );
  });

  it('offers no export when nothing is shown', async () => {
    const { element } = await render(0, 5);
    const exports = Array.from(element.querySelectorAll('button'));
    expect(exports.map((b) => b.textContent?.trim())).toEqual([
      'Export history as JSON',
      'Export history as CSV',
    ]);
    expect(exports.every((b) => b.disabled)).toBeTrue();
  });
});
