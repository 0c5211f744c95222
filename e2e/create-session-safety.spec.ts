import { Wallet } from 'ethers';
import { expect, test } from './support/clearnode.fixture';
import { getTestTokens, nav, SESSION_URL, signIn } from './support/sessions';

// As on an official node, which relays no messages: others' signatures cannot be gathered.
test.use({ clearNodeOptions: { strict: true } });

test('the create form refuses quorum 0, a participant twice, and my money in a session I cannot close alone', async ({
  page,
  wallet,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  const create = form.getByRole('button', { name: 'Create session' });
  const why = page.locator('#create-why');
  const other = Wallet.createRandom().address;

  // The same wallet twice, typed in lower case.
  const second = form.getByRole('textbox', { name: 'Participant 2 address' });
  await second.fill(wallet.address.toLowerCase());
  await expect(page.locator('#participant-1-error')).toHaveText('Already listed as participant 1.');
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await expect(create).toBeDisabled();
  await second.fill(other);
  await expect(create).toBeEnabled();

  // Quorum 0.
  await form.getByRole('radio', { name: 'Custom' }).check();
  await form.getByRole('textbox', { name: 'Quorum' }).fill('0');
  await expect(page.locator('#quorum-error')).toContainText('The quorum must be at least 1');
  await expect(create).toBeDisabled();
  await expect(why).toContainText('at least 1');

  // Equal peers: fine while I put nothing in, refused, with the reason, once I do.
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await expect(page.locator('#quorum-summary')).toContainText(
    'Your weight alone does not reach the quorum',
  );
  await expect(create).toBeEnabled();
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('10');
  await expect(page.locator('#funding-error')).toContainText(
    'your weight (50) does not reach the quorum (100)',
  );
  await expect(page.locator('#funding-error')).toContainText('cannot be collected here');
  await expect(page.getByText('You fund the session.')).toBeVisible();
  await expect(create).toBeDisabled();
  await expect(why).toContainText('cannot be collected here');

  // Back to nothing of mine in it: the node opens it.
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('');
  await expect(page.locator('#funding-error')).toHaveCount(0);
  await expect(page.getByText('Nobody puts funds in')).toBeVisible();
  await create.click();
  await page.waitForURL(SESSION_URL);
  await expect(page.locator('#session-status')).toHaveText('open');
});
