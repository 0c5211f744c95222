import { TestBed } from '@angular/core/testing';
import { WalletPicker } from './wallet-picker';

const SVG = 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=';

describe('WalletPicker', () => {
  async function render() {
    const fixture = TestBed.createComponent(WalletPicker);
    fixture.componentRef.setInput('open', true);
    fixture.componentRef.setInput('wallets', [
      { id: 'io.metamask', name: 'MetaMask', icon: SVG, rdns: 'io.metamask' },
      { id: 'spy', name: 'Spy', icon: 'https://tracker.example/p.png', rdns: 'spy' },
    ]);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('draws an inline icon beside the name and a letter for an icon it will not load', async () => {
    const { element } = await render();
    const [metamask, spy] = Array.from(element.querySelectorAll('button.wallet'));
    expect(metamask.querySelector('img')?.getAttribute('src')).toBe(SVG);
    expect(metamask.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(spy.querySelector('img')).toBeNull();
    expect(spy.querySelector('[aria-hidden="true"]')?.textContent).toBe('S');
    expect(spy.textContent).toContain('Spy');
  });

  it('is a modal dialog named by its heading, and says when it closes', async () => {
    const { fixture, element } = await render();
    const dialog = element.querySelector('dialog')!;
    expect(dialog.open).toBeTrue();
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe(
      'Connect a wallet',
    );
    let closed = 0;
    fixture.componentInstance.closed.subscribe(() => closed++);
    // The dialog fires 'close' in a task of its own.
    const fired = new Promise((resolve) =>
      dialog.addEventListener('close', resolve, { once: true }),
    );
    Array.from(element.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    await fired;
    expect(dialog.open).toBeFalse();
    expect(closed).toBe(1);
  });
});
