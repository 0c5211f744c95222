import { expect, test } from './support/clearnode.fixture';
import { nav, openSession, SESSION_URL, secondParticipant, signIn } from './support/sessions';

// As on an official node, which relays no messages: no proposal can reach the other participants.
// (The create form's refusal to lock funds there is in create-session-safety.spec.ts.)
test.use({ clearNodeOptions: { strict: true } });

test('without the relay, the session page says co-signing is unavailable and offers no proposal', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  const bob = await secondParticipant(browser, clearNode);

  // Equal peers with nothing in it: the node opens it, and neither of us decides alone.
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob.wallet.address);
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;
  await openSession(bob.page, sessionId);
  await expect(bob.page.locator(`tr[data-participant="${wallet.address}"]`)).toContainText('50');

  for (const { page: each, weight } of [
    { page, weight: 50 },
    { page: bob.page, weight: 50 },
  ]) {
    const why = each.locator('#action-block');
    await expect(why).toHaveText(
      `Your weight (${weight}) does not reach the quorum (100); the other participants would have to co-sign, and co-signing needs the ClearNode's message relay, which this node does not have.`,
    );
    const actions = each.getByRole('region', { name: 'Change or close' });
    await expect(actions.getByRole('button', { name: 'Close session…' })).toBeDisabled();
    await expect(actions.getByRole('button', { name: 'Update the split…' })).toBeDisabled();
    await expect(each.getByRole('button', { name: /^Propose/ })).toHaveCount(0);
    await expect(each.locator('#messaging-unavailable')).toContainText('unknown method: message');
    await expect(each.getByRole('region', { name: 'Proposals' })).toContainText(
      'No proposals in this session.',
    );
  }
  await bob.context.close();
});
