import { TestBed } from '@angular/core/testing';
import { BROWSER_STORAGE } from '../core';
import { COLOUR_SCHEME_KEY, ColourSchemeChoice, parseColourScheme } from './colour-scheme';

describe('parseColourScheme', () => {
  it('keeps a known scheme and follows the system for anything else', () => {
    expect(parseColourScheme('dark')).toBe('dark');
    expect(parseColourScheme('light')).toBe('light');
    expect(parseColourScheme(null)).toBe('system');
    expect(parseColourScheme('sepia')).toBe('system');
  });
});

describe('ColourSchemeChoice', () => {
  let stored: Map<string, string>;

  function create(): ColourSchemeChoice {
    const storage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
      removeItem: (key: string) => void stored.delete(key),
    } as Storage;
    TestBed.configureTestingModule({
      providers: [{ provide: BROWSER_STORAGE, useValue: storage }],
    });
    return TestBed.inject(ColourSchemeChoice);
  }

  beforeEach(() => (stored = new Map()));
  afterEach(() => document.documentElement.removeAttribute('data-theme'));

  it('starts from the stored choice and sets it on the page', () => {
    stored.set(COLOUR_SCHEME_KEY, 'dark');
    const choice = create();
    TestBed.tick();
    expect(choice.scheme()).toBe('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
  });

  it('remembers a pick, and following the system again leaves nothing stored or set', () => {
    const choice = create();
    choice.choose('light');
    TestBed.tick();
    expect(stored.get(COLOUR_SCHEME_KEY)).toBe('light');
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
    choice.choose('system');
    TestBed.tick();
    expect(stored.has(COLOUR_SCHEME_KEY)).toBeFalse();
    expect(document.documentElement.hasAttribute('data-theme')).toBeFalse();
  });
});
