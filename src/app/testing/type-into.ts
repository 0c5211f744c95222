import type { ComponentFixture } from '@angular/core/testing';

/** Types `value` into the input labelled `label`, as a person would, and renders. */
export function typeInto(fixture: ComponentFixture<unknown>, label: string, value: string): void {
  const element = fixture.nativeElement as HTMLElement;
  const input = element.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  fixture.detectChanges();
}
