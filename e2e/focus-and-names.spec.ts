import { Wallet } from 'ethers';
import { expect, test } from './support/clearnode.fixture';
import {
  createSessionIFundAlone,
  getTestTokens,
  nav,
  signIn,
  splitInput,
} from './support/sessions';

test('every control of the create form has a name of its own, and Remove leaves the focus on the list', async ({
  page,
  wallet,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await expect(form.getByRole('textbox', { name: 'Your address' })).toHaveValue(wallet.address);

  // Adding a participant puts the cursor in the new address field.
  await form.getByRole('button', { name: 'Add participant' }).click();
  await expect(form.getByRole('textbox', { name: 'Participant 3 address' })).toBeFocused();
  const [bob, carol] = [Wallet.createRandom().address, Wallet.createRandom().address];
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob);
  await form.getByRole('textbox', { name: 'Participant 3 address' }).fill(carol);

  const named = (role: Parameters<typeof form.getByRole>[0], name: string) =>
    expect(form.getByRole(role, { name }), `${role} "${name}"`).toHaveCount(1);
  for (const name of ['Your address', 'Participant 2 address', 'Participant 3 address'])
    await named('textbox', name);
  for (const name of ['Remove participant 2', 'Remove participant 3', 'Add participant'])
    await named('button', name);
  await named('combobox', 'Server');
  for (const name of ['Server-controlled', 'Equal peers', 'Majority', 'Custom'])
    await named('radio', name);
  for (const who of ['Your', 'Participant 2', 'Participant 3'])
    for (const asset of ['usdc', 'eth']) await named('textbox', `${who} amount of ${asset}`);
  await named('textbox', 'Application');
  await named('textbox', 'Label (only on this device)');
  await named('button', 'Create session');
  await form.getByRole('radio', { name: 'Custom' }).check();
  for (const name of ['Your weight', 'Participant 2 weight', 'Participant 3 weight', 'Quorum'])
    await named('textbox', name);

  // No two controls share a name, whatever their role.
  const snapshot = await form.ariaSnapshot();
  const controls = [
    ...snapshot.matchAll(/- (textbox|button|radio|combobox|checkbox|spinbutton) "([^"]*)"/g),
  ].map(([, role, name]) => `${role} ${name}`);
  expect(controls.length).toBeGreaterThan(20);
  expect(controls.filter((control, i) => controls.indexOf(control) !== i)).toEqual([]);
  expect(snapshot).not.toMatch(/- (textbox|combobox)(?! ")/); // none without a name

  // Remove: the row that takes its place, then Add participant once the last one is gone.
  await form.getByRole('button', { name: 'Remove participant 2' }).click();
  const second = form.getByRole('textbox', { name: 'Participant 2 address' });
  await expect(second).toBeFocused();
  await expect(second).toHaveValue(carol);
  await expect(form.getByRole('textbox', { name: 'Participant 3 address' })).toHaveCount(0);
  await form.getByRole('button', { name: 'Remove participant 2' }).click();
  await expect(form.getByRole('button', { name: 'Add participant' })).toBeFocused();
});

test('the focus follows the person through Send and the whole close flow, by keyboard too', async ({
  page,
  wallet,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const bob = Wallet.createRandom().address;
  await createSessionIFundAlone(page, [bob], '10', 'Focus');

  // Send: the message field keeps the focus, empty, and takes the next message at once.
  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  await message.fill('first');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(message).toBeFocused();
  await expect(message).toHaveValue('');
  await page.keyboard.type('second');
  await expect(message).toHaveValue('second');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(message).toBeFocused();
  const mine = page.locator('app-message-transcript li[data-mine="true"]');
  await expect(mine).toHaveCount(2);
  await expect(mine.last()).toContainText('second');

  // Close session… → the editor's heading; Cancel → back on Close session….
  const closeButton = page.getByRole('button', { name: 'Close session…' });
  await closeButton.click();
  const finalSplit = page.getByRole('heading', { name: 'Final split' });
  await expect(finalSplit).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(closeButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(finalSplit).toBeFocused();

  // The same from the update flow.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Update the split…' }).click();
  await expect(page.getByRole('heading', { name: 'New state' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Update the split…' })).toBeFocused();

  // Review close → the question; Back to the split → the editor; Confirm close → the outcome.
  await closeButton.click();
  await splitInput(page, wallet.address).fill('7');
  await splitInput(page, bob).fill('3');
  await page.getByRole('button', { name: 'Review close' }).click();
  const question = page.getByRole('heading', { name: 'Close the session with this split?' });
  await expect(question).toBeFocused();
  await page.getByRole('button', { name: 'Back to the split' }).click();
  await expect(finalSplit).toBeFocused();
  await expect(splitInput(page, wallet.address)).toHaveValue('7');
  await page.getByRole('button', { name: 'Review close' }).click();
  await expect(question).toBeFocused();
  await page.getByRole('button', { name: 'Confirm close' }).click();
  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(page.locator('#closed-note')).toBeFocused();
});
