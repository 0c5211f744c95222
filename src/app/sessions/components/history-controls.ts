import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { HistoryFilter } from '../history/history-filter';

/** Search and narrow the history, and take it away as a file. */
@Component({
  selector: 'app-history-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="controls">
      <label>
        Search the history
        <input
          type="search"
          [value]="filter().query"
          (input)="changed({ query: $any($event.target).value })"
          placeholder="label, session id or address"
        />
      </label>
      <label>
        Application
        <select (change)="changed({ application: $any($event.target).value })">
          <option value="" [selected]="filter().application === ''">All applications</option>
          @for (application of applications(); track application) {
            <option [value]="application" [selected]="filter().application === application">
              {{ application }}
            </option>
          }
        </select>
      </label>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          [disabled]="shown() === 0"
          (click)="exportJson.emit()"
        >
          Export history as JSON
        </button>
        <button
          type="button"
          class="secondary"
          [disabled]="shown() === 0"
          (click)="exportCsv.emit()"
        >
          Export history as CSV
        </button>
      </div>
    </div>
    <p class="hint" role="status">{{ summary() }}</p>
  `,
  styles: `
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: end;
    }
    label {
      display: grid;
      gap: 0.2rem;
    }
  `,
})
export class HistoryControls {
  readonly filter = input.required<HistoryFilter>();
  readonly applications = input.required<readonly string[]>();
  readonly shown = input.required<number>();
  readonly total = input.required<number>();
  readonly filterChange = output<HistoryFilter>();
  readonly exportJson = output<void>();
  readonly exportCsv = output<void>();

  protected changed(change: Partial<HistoryFilter>): void {
    this.filterChange.emit({ ...this.filter(), ...change });
  }

  protected readonly summary = computed(() => {
    const [shown, total] = [this.shown(), this.total()];
    return shown === total
      ? `${total} closed session${total === 1 ? '' : 's'}; an export holds those shown.`
      : `${shown} of ${total} closed sessions match; an export holds those shown.`;
  });
}
