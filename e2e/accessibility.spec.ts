import { expect, test } from './support/clearnode.fixture';
import { expectNoAxeViolations, expectUniqueControlNames } from './support/axe';
import {
  getTestTokens,
  nav,
  proposalCard,
  secondParticipant,
  SESSION_URL,
  splitInput,
} from './support/sessions';

for (const colorScheme of ['light', 'dark'] as const)
  test(`every page passes axe in ${colorScheme}: signed out, signed in, a proposal, its close, the history`, async ({
    page,
    wallet,
    browser,
    clearNode,
    openApp,
  }) => {
    // About twenty axe runs over two participants: slow on a busy machine, not a hang.
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await openApp('/sessions');
    await expectNoAxeViolations(page, 'sessions, signed out');
    await expectUniqueControlNames(page, 'sessions, signed out');
    await page.locator('app-header').getByRole('button', { name: 'Connect a wallet' }).click();
    const picker = page.getByRole('dialog', { name: 'Connect a wallet' });
    await expect(picker.getByRole('button', { name: 'MetaMask' })).toBeFocused();
    await expectNoAxeViolations(page, 'wallet picker');
    await picker.getByRole('button', { name: 'MetaMask' }).click();
    await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toBeVisible();
    await expectNoAxeViolations(page, 'sign-in panel');
    await expectUniqueControlNames(page, 'sign-in panel');
    await page.getByRole('textbox', { name: 'Allowance in usdc' }).fill('100');
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(page.getByTestId('auth-status')).toHaveText('Signed in');

    await nav(page, 'Balances').click();
    await getTestTokens(page, '10');
    await expectNoAxeViolations(page, 'balances');
    await expectUniqueControlNames(page, 'balances');
    await nav(page, 'Sessions').click();
    await expect(page.getByRole('link', { name: 'Create a session' })).toBeVisible();
    await expectNoAxeViolations(page, 'sessions, empty');
    await expectUniqueControlNames(page, 'sessions, empty');
    await nav(page, 'Proposals').click();
    await expectNoAxeViolations(page, 'proposals, none');
    await expectUniqueControlNames(page, 'proposals, none');

    const bob = await secondParticipant(browser, clearNode);
    await bob.page.emulateMedia({ colorScheme });
    await nav(page, 'Sessions').click();
    await page.getByRole('link', { name: 'Create a session' }).click();
    const form = page.locator('app-create-session-form form');
    await expectNoAxeViolations(page, 'create form, empty');
    await expectUniqueControlNames(page, 'create form, empty');
    // Bad input shows its reasons, which must be readable too.
    await form.getByRole('textbox', { name: 'Participant 2 address' }).fill('0x1234');
    await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('1.2.3');
    await form.getByRole('textbox', { name: 'Application' }).click();
    await expectNoAxeViolations(page, 'create form, with errors');
    await expectUniqueControlNames(page, 'create form, with errors');
    await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob.wallet.address);
    await form.getByRole('radio', { name: 'Equal peers' }).check();
    await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('10');
    await page.getByLabel('Label (only on this device)').fill('Peers');
    await form.getByRole('button', { name: 'Create session' }).click();
    await page.waitForURL(SESSION_URL);
    const sessionId = page.url().split('/').pop()!;
    await expect(page.locator('#session-status')).toHaveText('open');
    await expectNoAxeViolations(page, 'session page, open');
    await expectUniqueControlNames(page, 'session page, open');

    await page.getByRole('textbox', { name: /message/i }).fill('hello');
    await page.keyboard.press('Enter');
    await expect(page.getByText('hello', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Propose a close…' }).click();
    await expectNoAxeViolations(page, 'allocation editor');
    await expectUniqueControlNames(page, 'allocation editor');
    await splitInput(page, wallet.address).fill('7');
    await splitInput(page, bob.wallet.address).fill('3');
    await page.getByRole('button', { name: 'Review proposal' }).click();
    await expectNoAxeViolations(page, 'close review');
    await expectUniqueControlNames(page, 'close review');
    await page.getByRole('button', { name: 'Propose close' }).click();
    await expect(proposalCard(page, 'Close')).toBeVisible();
    await expectNoAxeViolations(page, 'session page, proposal waiting');
    await expectUniqueControlNames(page, 'session page, proposal waiting');

    await nav(bob.page, 'Proposals').click();
    await expect(bob.page.getByRole('button', { name: /^Approve the close/ })).toBeVisible();
    await expectNoAxeViolations(bob.page, 'proposals, one waiting');
    await expectUniqueControlNames(bob.page, 'proposals, one waiting');
    await bob.page.getByRole('button', { name: 'Notifications, 1 active' }).click();
    await expect(bob.page.getByRole('region', { name: 'Notifications' })).toBeVisible();
    await expectNoAxeViolations(bob.page, 'notification centre');
    await expectUniqueControlNames(bob.page, 'notification centre');
    await bob.page.keyboard.press('Escape');
    await nav(bob.page, 'Sessions').click();
    await expectNoAxeViolations(bob.page, 'sessions, one open');
    await expectUniqueControlNames(bob.page, 'sessions, one open');
    await bob.page.locator(`tr[data-session-id="${sessionId}"]`).getByRole('link').click();
    await bob.page.getByRole('button', { name: /^Approve the close/ }).click();

    await expect(page.locator('#session-status')).toHaveText('closed');
    await expectNoAxeViolations(page, 'session page, closed');
    await expectUniqueControlNames(page, 'session page, closed');
    await nav(page, 'Sessions').click();
    await expectNoAxeViolations(page, 'sessions, with history');
    await expectUniqueControlNames(page, 'sessions, with history');
    await bob.context.close();
  });

test('the node alerts pass axe: a refused link address and a node of another protocol', async ({
  page,
}) => {
  await page.goto('/balances?node=javascript:alert(1)');
  await expect(
    page.getByRole('alert', { name: "The link's ClearNode address was not used" }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'refused link address');
  await expectUniqueControlNames(page, 'refused link address');

  // A /v1/ address is explained before any socket is opened, so no node needs to listen there.
  await page.goto(`/balances?node=${encodeURIComponent('ws://127.0.0.1:9/v1/ws')}`);
  await expect(page.getByText('speaks protocol v1')).toBeVisible();
  await expectNoAxeViolations(page, 'node of protocol v1');
  await expectUniqueControlNames(page, 'node of protocol v1');
});

test('the colour scheme follows the system until one is picked, and the pick survives a reload', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/balances');
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const picker = page.getByRole('combobox', { name: 'Colour scheme' });
  await expect(picker).toHaveValue('system');
  expect(await background()).toBe('rgb(18, 20, 24)');

  await picker.selectOption({ label: 'Light' });
  await expect.poll(background).toBe('rgb(246, 247, 249)');
  await page.reload();
  await expect(picker).toHaveValue('light');
  expect(await background()).toBe('rgb(246, 247, 249)');
  await expectNoAxeViolations(page, 'light picked on a dark system');

  await picker.selectOption({ label: 'Like the system' });
  await expect.poll(background).toBe('rgb(18, 20, 24)');
});
