import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { COLOUR_SCHEMES, type ColourScheme } from './colour-scheme';

const LABELS: Record<ColourScheme, string> = {
  system: 'Like the system',
  light: 'Light',
  dark: 'Dark',
};

/** A small select for light, dark or the system's choice. */
@Component({
  selector: 'app-colour-scheme-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="visually-hidden" for="colour-scheme">Colour scheme</label>
    <select
      id="colour-scheme"
      class="small"
      [value]="scheme()"
      (change)="picked($event)"
      title="Colour scheme"
    >
      @for (option of options; track option) {
        <option [value]="option" [selected]="option === scheme()">{{ labels[option] }}</option>
      }
    </select>
  `,
})
export class ColourSchemePicker {
  readonly scheme = input.required<ColourScheme>();
  readonly schemeChange = output<ColourScheme>();

  protected readonly options = COLOUR_SCHEMES;
  protected readonly labels = LABELS;

  protected picked(event: Event): void {
    this.schemeChange.emit((event.target as HTMLSelectElement).value as ColourScheme);
  }
}
