import { Wallet } from 'ethers';
import { expect, test } from './support/clearnode.fixture';
import { createSessionIFundAlone, getTestTokens, signIn, splitInput } from './support/sessions';

const DECIMALS = 6;

/** Decimal text to integer units at the asset's decimals (the values below are all well formed). */
function units(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(DECIMALS, '0'));
  return negative ? -value : value;
}

/** Integer units back to the shortest decimal text, as the editor shows the remainder. */
function format(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(DECIMALS + 1, '0');
  const fraction = digits.slice(-DECIMALS).replace(/0+$/, '');
  return sign + digits.slice(0, -DECIMALS) + (fraction ? `.${fraction}` : '');
}

/** What a person types over an amount: whole, decimals, a leading zero, the smallest unit. */
const TYPED = [
  '0.5',
  '7.25',
  '10',
  '0.000001',
  '3.141592',
  '1',
  '9.99',
  '0',
  '2.5',
  '0.75',
  '12.75',
  '0.1',
  '4.000005',
  '6',
  '0.05',
  '8.8',
  '5.5',
  '1.000001',
  '0.25',
  '3',
];

test('the close editor keeps every keystroke typed at full speed, over several fields, round after round', async ({
  page,
  wallet,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const others = [Wallet.createRandom().address, Wallet.createRandom().address];
  await createSessionIFundAlone(page, others, '10', 'Typing');

  await page.getByRole('button', { name: 'Close session…' }).click();
  const participants = [wallet.address, ...others];
  const fields = participants.map((participant) => splitInput(page, participant));
  // The usdc amounts and their remainder (the session holds other assets at 0 as well).
  const remaining = page
    .locator('app-allocation-editor fieldset.asset', {
      has: page.locator('input[data-asset="usdc"]'),
    })
    .locator('.remaining');
  const amounts = participants.map((_, index) => (index === 0 ? '10' : '0'));
  await expect(fields[0]).toHaveValue('10');
  await expect(remaining).toHaveText('· remaining 0');

  for (const [round, text] of TYPED.entries()) {
    const index = round % fields.length;
    const field = fields[index];
    await field.click();
    await field.press('ControlOrMeta+a');
    await field.pressSequentially(text); // no delay: as fast as the browser takes keys
    amounts[index] = text;
    const left = units('10') - amounts.reduce((sum, amount) => sum + units(amount), 0n);
    await expect(field, `round ${round + 1}`).toHaveValue(text);
    await expect(remaining, `round ${round + 1}`).toHaveText(`· remaining ${format(left)}`);
    for (const [other, amount] of amounts.entries())
      await expect(fields[other], `round ${round + 1}, field ${other + 1}`).toHaveValue(amount);
  }
});
