import { TestBed } from '@angular/core/testing';
import type { ColourScheme } from './colour-scheme';
import { ColourSchemePicker } from './colour-scheme-picker';

describe('ColourSchemePicker', () => {
  it('shows the current scheme under a name and emits the one picked', async () => {
    const fixture = TestBed.createComponent(ColourSchemePicker);
    fixture.componentRef.setInput('scheme', 'system');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const select = element.querySelector('select')!;
    expect(element.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Colour scheme');
    expect(Array.from(select.options).map((option) => option.text)).toEqual([
      'Like the system',
      'Light',
      'Dark',
    ]);
    expect(select.value).toBe('system');

    const picked: ColourScheme[] = [];
    fixture.componentInstance.schemeChange.subscribe((scheme) => picked.push(scheme));
    select.value = 'dark';
    select.dispatchEvent(new Event('change'));
    expect(picked).toEqual(['dark']);
  });
});
