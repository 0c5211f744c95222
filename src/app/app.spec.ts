import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import { App } from './app';
import { routes } from './app.routes';
import { initialAppState } from './testing/initial-app-state';

describe('App shell', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter(routes), provideMockStore({ initialState: initialAppState })],
    });
  });

  it('shows the app name and links to Sessions, Proposals and Balances', () => {
    const fixture = TestBed.createComponent(App);
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.brand')?.textContent).toContain('Nitrolite Sessions');
    const links = Array.from(element.querySelectorAll('nav a')).map((a) => a.textContent?.trim());
    expect(links).toEqual(['Sessions', 'Proposals', 'Balances']);
    expect(element.querySelector('app-header app-node-status'))
      .withContext('node status in the header')
      .not.toBeNull();
    expect(element.querySelector('app-header app-wallet-status'))
      .withContext('wallet status in the header')
      .not.toBeNull();
  });
});
