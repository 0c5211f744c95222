import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Asset } from '../core';
import { typeInto } from '../testing/type-into';
import { SignInForm, type SignInRequest } from './sign-in-form';

const USDC: Asset = { symbol: 'usdc', decimals: 6, chainId: 1, token: '0x1' };
const ETH: Asset = { symbol: 'eth', decimals: 18, chainId: 1, token: '0x3' };

describe('SignInForm', () => {
  function render(inputs: { assets?: readonly Asset[]; online?: boolean; waiting?: boolean } = {}) {
    const fixture = TestBed.createComponent(SignInForm);
    fixture.componentRef.setInput('assets', inputs.assets ?? [USDC, ETH]);
    fixture.componentRef.setInput('online', inputs.online ?? true);
    fixture.componentRef.setInput('waiting', inputs.waiting ?? false);
    const requests: SignInRequest[] = [];
    fixture.componentInstance.signIn.subscribe((request) => requests.push(request));
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, requests };
  }

  const button = (element: HTMLElement) =>
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const summary = (element: HTMLElement) =>
    element.querySelector('[data-testid="sign-in-summary"]')?.textContent;

  function choose(fixture: ComponentFixture<SignInForm>, seconds: number) {
    const select = (fixture.nativeElement as HTMLElement).querySelector('select')!;
    select.value = String(seconds);
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  }

  const amountIn = (element: HTMLElement, asset: string) =>
    element.querySelector<HTMLInputElement>(`input[aria-label="Allowance in ${asset}"]`)!.value;

  it('offers a modest allowance per asset while balances are unknown, and says why', () => {
    const { element } = render();
    const labels = Array.from(element.querySelectorAll('input')).map((i) =>
      i.getAttribute('aria-label'),
    );
    expect(labels).toEqual(['Allowance in usdc', 'Allowance in eth']);
    expect(amountIn(element, 'usdc')).toBe('10');
    expect(amountIn(element, 'eth')).toBe('0');
    expect(summary(element)).toContain('may spend up to 10 usdc');
    expect(summary(element)).not.toContain('eth');
    expect(element.querySelector('[data-testid="allowance-hint"]')?.textContent).toContain(
      'at most 100 of a dollar or euro token',
    );
  });

  it('offers what is held, capped, once balances are known, keeping what was typed', () => {
    const { fixture, element } = render();
    typeInto(fixture, 'Allowance in eth', '0.5');
    fixture.componentRef.setInput('balances', { usdc: '2500', eth: '3' });
    fixture.detectChanges();
    expect(amountIn(element, 'usdc')).toBe('100');
    expect(amountIn(element, 'eth')).toBe('0.5');
  });

  it('refuses amounts with more decimals than the asset and disables signing', () => {
    const { fixture, element } = render();
    typeInto(fixture, 'Allowance in usdc', '1.1234567');
    expect(element.textContent).toContain('usdc allows at most 6 decimals.');
    expect(button(element).disabled).toBeTrue();
    typeInto(fixture, 'Allowance in usdc', '-1');
    expect(element.textContent).toContain('An allowance cannot be negative.');
    expect(button(element).disabled).toBeTrue();
    typeInto(fixture, 'Allowance in usdc', '1.123456');
    expect(button(element).disabled).toBeFalse();
  });

  it('says when the key may spend nothing', () => {
    const { fixture, element } = render();
    typeInto(fixture, 'Allowance in usdc', '0');
    typeInto(fixture, 'Allowance in eth', '');
    expect(summary(element)).toContain('may not spend anything');
  });

  it('asks to sign in with the allowances typed and a 24 h key by default', () => {
    const { fixture, element, requests } = render();
    typeInto(fixture, 'Allowance in usdc', ' 25.5 ');
    typeInto(fixture, 'Allowance in eth', '');
    button(element).click();
    expect(requests.length).toBe(1);
    expect(requests[0].allowances).toEqual([{ asset: 'usdc', amount: '25.5' }]);
    expect(Math.abs(requests[0].expiresAt - (Date.now() / 1000 + 24 * 3600))).toBeLessThan(5);
    expect(requests[0].lifetimeSeconds).toBe(24 * 3600);
  });

  it('asks for the lifetime chosen, and says how long it was', () => {
    const { fixture, element, requests } = render();
    choose(fixture, 60 * 60);
    button(element).click();
    expect(Math.abs(requests[0].expiresAt - (Date.now() / 1000 + 3600))).toBeLessThan(5);
    expect(requests[0].lifetimeSeconds).toBe(3600);
  });

  it('keeps what was typed when the assets change, and offers new ones the default', () => {
    const { fixture, element } = render({ assets: [USDC] });
    typeInto(fixture, 'Allowance in usdc', '7');
    fixture.componentRef.setInput('assets', [USDC, { ...ETH, symbol: 'usdt' }]);
    fixture.detectChanges();
    expect(summary(element)).toContain('may spend up to 7 usdc, 10 usdt');
  });

  it('cannot sign while offline, while the wallet is asked, or before the assets load', () => {
    const offline = render({ online: false });
    expect(button(offline.element).disabled).toBeTrue();
    expect(offline.element.textContent).toContain('Waiting for the ClearNode connection.');
    offline.element.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(offline.requests).toEqual([]);

    const waiting = render({ waiting: true });
    expect(button(waiting.element).disabled).toBeTrue();
    expect(button(waiting.element).textContent).toContain('Confirm in your wallet…');

    const loading = render({ assets: [] });
    expect(button(loading.element).disabled).toBeTrue();
    expect(loading.element.textContent).toContain("Loading the node's assets…");
  });
});
