import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './clearnode.fixture';

/** The WCAG 2.1 A and AA rules, plus axe's best practices for landmarks and names. */
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One line per failing node, so a failure says what to fix and where. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? ''}`,
    ),
  );
}

/** Runs axe on the page as it is now; a violation fails the test, which goes on to the next page. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(RULE_TAGS).analyze();
  expect.soft(describe(results.violations), `axe on ${where}`).toEqual([]);
}

/** Controls a person can reach; two of one role with one name cannot be told apart by ear. */
const CONTROL = /- (button|link|textbox|radio|checkbox|combobox|spinbutton|tab) "([^"]*)"/g;

/** Expects every control on the page to have a name, and no two of one role to share it. */
export async function expectUniqueControlNames(page: Page, where: string): Promise<void> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const controls = [...snapshot.matchAll(CONTROL)].map(([, role, name]) => `${role} "${name}"`);
  expect.soft(controls.length, `controls found on ${where}`).toBeGreaterThan(3);
  const repeated = controls.filter((control, index) => controls.indexOf(control) !== index);
  expect.soft(repeated, `controls named twice on ${where}`).toEqual([]);
  expect
    .soft(snapshot.match(/- (button|link|textbox|combobox)(?: \[[^\]]*\])?:?$/gm) ?? [], where)
    .toEqual([]);
}
