import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  effect,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { WalletInfo } from '../core';
import { safeWalletIcon } from './wallet-icon';

const INSTALL_METAMASK_URL = 'https://metamask.io/download/';

/**
 * The wallets this browser announced, with their icons and names, in a modal dialog. With none:
 * where to get one, and on a local node the throwaway test wallet.
 */
@Component({
  selector: 'app-wallet-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog aria-labelledby="wallet-picker-title" (close)="closed.emit()">
      <h2 id="wallet-picker-title">Connect a wallet</h2>
      @if (wallets().length > 0) {
        <ul class="wallets">
          @for (wallet of wallets(); track wallet.id) {
            <li>
              <button type="button" class="secondary wallet" (click)="picked.emit(wallet.id)">
                @if (icon(wallet); as src) {
                  <img [src]="src" alt="" width="28" height="28" />
                } @else {
                  <span class="no-icon" aria-hidden="true">{{ wallet.name.charAt(0) }}</span>
                }
                <span>{{ wallet.name }}</span>
              </button>
            </li>
          }
        </ul>
      } @else {
        <p data-testid="no-wallet">No wallet found in this browser.</p>
        <p>
          <a [href]="installUrl" target="_blank" rel="noopener noreferrer">Install MetaMask</a>,
          then reload this page.
        </p>
      }
      @if (isLocalNode()) {
        <p class="hint">
          For the local ClearNode only: a throwaway key kept in this browser.
          <button type="button" class="secondary small" (click)="localTestWalletPicked.emit()">
            Use a local test wallet
          </button>
        </p>
      }
      <div class="actions">
        <button type="button" class="secondary" (click)="dialog.close()">Cancel</button>
      </div>
    </dialog>
  `,
  styles: `
    dialog {
      max-width: 26rem;
      width: calc(100% - 2rem);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface);
      color: var(--text);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 45%);
    }
    h2 {
      margin-top: 0;
    }
    .wallets {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .wallet {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      width: 100%;
      text-align: left;
    }
    .no-icon {
      display: inline-grid;
      place-items: center;
      width: 28px;
      height: 28px;
      border-radius: 50%;
      border: 1px solid var(--border);
    }
  `,
})
export class WalletPicker {
  readonly open = input.required<boolean>();
  readonly wallets = input.required<readonly WalletInfo[]>();
  readonly isLocalNode = input(false);

  readonly picked = output<string>();
  readonly localTestWalletPicked = output<void>();
  /** Closed by Cancel, Escape, or a pick. */
  readonly closed = output<void>();

  protected readonly installUrl = INSTALL_METAMASK_URL;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      // A modal dialog keeps the focus inside it, closes on Escape and gives the focus back.
      if (this.open() && !dialog.open) dialog.showModal();
      else if (!this.open() && dialog.open) dialog.close();
    });
  }

  protected icon(wallet: WalletInfo): string | null {
    return safeWalletIcon(wallet.icon);
  }
}
