import { expect, test } from './support/clearnode.fixture';
import { NodeLink } from './support/node-link';
import {
  createSessionWith,
  getTestTokens,
  openSession,
  secondParticipant,
  signIn,
  splitInput,
} from './support/sessions';

const transcript = (page: import('@playwright/test').Page) =>
  page.getByRole('list', { name: 'Messages' });
const messageField = (page: import('@playwright/test').Page) =>
  page.getByLabel('Message', { exact: true });

test('the transcript survives a reload and the close; a failed send keeps its text; Enter sends', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  const link = await NodeLink.between(page, clearNode.url);
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const bob = await secondParticipant(browser, clearNode);
  const sessionId = await createSessionWith(page, bob.wallet.address, 'Chat');
  await openSession(bob.page, sessionId);

  // Enter sends; Shift+Enter makes a new line first.
  await messageField(bob.page).fill('first line');
  await messageField(bob.page).press('Shift+Enter');
  await messageField(bob.page).pressSequentially('second line');
  await messageField(bob.page).press('Enter');
  await expect(transcript(page)).toContainText('first line\nsecond line');
  await expect(messageField(bob.page)).toHaveValue('');

  // A send that never reaches the node fails, and what was typed is still there to send again.
  const dropped = link.dropRequest('message');
  await messageField(page).fill('this one is kept');
  await messageField(page).press('Enter');
  await dropped;
  await expect(page.locator('#message-error')).toContainText('What you wrote is still below.');
  await expect(messageField(page)).toHaveValue('this one is kept');
  await expect(page.locator('#session-stale')).toBeVisible();
  link.reconnect();
  await expect(page.locator('#session-stale')).toHaveCount(0);
  await messageField(page).press('Enter');
  await expect(transcript(bob.page)).toContainText('this one is kept');
  await expect(messageField(page)).toHaveValue('');
  await expect(transcript(page)).toContainText('this one is kept');

  // A reload keeps the conversation.
  await page.reload();
  await expect(transcript(page)).toContainText('first line\nsecond line');
  await expect(transcript(page)).toContainText('this one is kept');

  // After the close it can still be read, not answered; and after another reload too.
  await page.getByRole('button', { name: 'Close session…' }).click();
  await splitInput(page, wallet.address).fill('10');
  await splitInput(page, bob.wallet.address).fill('0');
  await page.getByRole('button', { name: 'Review close' }).click();
  await page.getByRole('button', { name: 'Confirm close' }).click();
  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(transcript(page)).toContainText('first line\nsecond line');
  await expect(messageField(page)).toHaveCount(0);
  await page.reload();
  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(transcript(page)).toContainText('this one is kept');
  await bob.context.close();
});

test('past the bound, the transcript says how many older messages were dropped', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  test.setTimeout(240_000);
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const bob = await secondParticipant(browser, clearNode);
  const sessionId = await createSessionWith(page, bob.wallet.address, 'Busy chat');
  await openSession(bob.page, sessionId);
  await expect(page.locator(`tr[data-participant="${wallet.address}"]`)).toContainText('10');

  for (let n = 1; n <= 250; n++) {
    await messageField(bob.page).fill(`message ${n}`);
    await messageField(bob.page).press('Enter');
    await expect(messageField(bob.page)).toHaveValue('');
  }
  await expect(transcript(page).getByText('message 250', { exact: true })).toBeVisible();
  await expect(page.locator('#messages-dropped')).toHaveText(
    '50 older messages were dropped: this browser keeps the latest 200 of a session.',
  );
  // Only the messages near view are in the page: scroll back to the oldest kept one.
  const history = page.getByRole('region', { name: 'Message history' });
  await history.focus();
  await page.keyboard.press('Home');
  await expect(transcript(page).getByText('message 51', { exact: true })).toBeVisible();
  await expect(transcript(page).getByText('message 50', { exact: true })).toHaveCount(0);
  await expect(transcript(page).getByText('message 250', { exact: true })).toHaveCount(0);
  await bob.context.close();
});
