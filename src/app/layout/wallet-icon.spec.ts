import { safeWalletIcon } from './wallet-icon';

describe('safeWalletIcon', () => {
  it('keeps inline images of the usual types', () => {
    for (const icon of [
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      'data:image/svg+xml,<svg></svg>',
      'data:image/png;base64,iVBORw0KGgo=',
      'data:image/webp;base64,UklGRg==',
    ])
      expect(safeWalletIcon(icon)).toBe(icon);
  });

  it('draws nothing for remote, scripted, other or oversized icons', () => {
    for (const icon of [
      null,
      '',
      'https://tracker.example/icon.png',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'data:image/svg+xml;base64,' + 'A'.repeat(200_000),
    ])
      expect(safeWalletIcon(icon)).toBeNull();
  });
});
