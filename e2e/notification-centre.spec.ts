import { expect, test } from './support/clearnode.fixture';
import {
  getTestTokens,
  nav,
  proposeClose,
  SESSION_URL,
  secondParticipant,
  signIn,
} from './support/sessions';

test('a proposal that arrives while B is on another page shows in the centre and as a toast, survives a reload, and leads to the session', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const bob = await secondParticipant(browser, clearNode);
  const bell = bob.page.getByRole('button', { name: /^Notifications,/ });
  await expect(bell).toHaveAccessibleName('Notifications, none active');

  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob.wallet.address);
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('10');
  await page.getByLabel('Label (only on this device)').fill('Dinner');
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;
  await proposeClose(page, { [wallet.address]: '6', [bob.wallet.address]: '4' });

  // Bob is on the balances page: the header counts it and a toast says it, politely.
  await expect(bell).toHaveAccessibleName('Notifications, 1 active');
  const toast = bob.page.getByRole('status').filter({ hasText: 'Close ·' });
  await expect(toast).toContainText('waiting for your answer');
  await bell.click();
  const centre = bob.page.getByRole('region', { name: 'Notifications' });
  await expect(centre.getByRole('heading', { name: 'Waiting for you' })).toBeVisible();
  await expect(centre.getByRole('listitem')).toContainText(
    `Proposed by ${wallet.address.slice(0, 6)}`,
  );

  await bob.page.reload();
  await expect(bell).toHaveAccessibleName('Notifications, 1 active');
  await bell.click();
  await centre.getByRole('link', { name: /^Close · / }).click();
  await expect(bob.page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await bob.page.getByRole('button', { name: /^Approve the close/ }).click();

  // Once done, it moves to the results and the count goes back to none.
  await expect(bell).toHaveAccessibleName('Notifications, none active');
  await bell.click();
  await expect(centre.getByRole('heading', { name: 'Recent results' })).toBeVisible();
  await expect(centre.getByRole('listitem').first()).toContainText('Done');
  await bob.context.close();
});
