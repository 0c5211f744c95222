import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';
import { BROWSER_STORAGE } from '../core';

/** 'system' follows the operating system's setting; the others hold whatever it says. */
export type ColourScheme = 'system' | 'light' | 'dark';

export const COLOUR_SCHEMES: readonly ColourScheme[] = ['system', 'light', 'dark'];

/** App-wide storage name of the scheme the person picked. */
export const COLOUR_SCHEME_KEY = 'colour-scheme';

/** A stored value this version does not know falls back to following the system. */
export function parseColourScheme(stored: string | null): ColourScheme {
  return COLOUR_SCHEMES.find((scheme) => scheme === stored) ?? 'system';
}

/**
 * The person's colour scheme: kept in storage and set on <html> as `data-theme`, which the global
 * styles read (their colours are `light-dark()` pairs, so 'system' needs no script at all).
 */
@Injectable({ providedIn: 'root' })
export class ColourSchemeChoice {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly root = inject(DOCUMENT).documentElement;
  private readonly chosen = signal(parseColourScheme(this.read()));
  readonly scheme = this.chosen.asReadonly();

  constructor() {
    effect(() => {
      const scheme = this.chosen();
      if (scheme === 'system') this.root.removeAttribute('data-theme');
      else this.root.setAttribute('data-theme', scheme);
    });
  }

  choose(scheme: ColourScheme): void {
    this.chosen.set(scheme);
    try {
      if (scheme === 'system') this.storage.removeItem(COLOUR_SCHEME_KEY);
      else this.storage.setItem(COLOUR_SCHEME_KEY, scheme);
    } catch {
      // Storage full or blocked: the choice still holds until the page is closed.
    }
  }

  private read(): string | null {
    try {
      return this.storage.getItem(COLOUR_SCHEME_KEY);
    } catch {
      return null;
    }
  }
}
