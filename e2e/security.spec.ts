import type { Page } from '@playwright/test';
import { docker, TEST_IMAGE } from '../scripts/testkit/docker';
import { expect, test } from './fixtures';

interface Audit {
  id: string;
  name: string;
  score: number;
  findings: { rule: string }[];
}

const auditOf = async (page: Page, name: string): Promise<Audit | undefined> =>
  ((await (await page.request.get('/api/audit')).json()) as { containers: Audit[] }).containers.find((c) => c.name === name);

/** The rule ids a container's row lists once opened. */
const rulesIn = (page: Page, name: string) =>
  page
    .getByTestId(`audit-${name}`)
    .getByTestId('finding')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-rule')));

test('the security lens flags the root container under CIS 4.1 and not the one run with --user', async ({ map, objects, page }) => {
  const rootName = objects.name('root');
  const userName = objects.name('user');
  const root = await objects.sleeper('root');
  const user = await objects.sleeper('user', ['--user', '1009']);

  await page.goto('/security');
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  const byContainer = page.getByTestId('audit-by-container');
  const rootRow = byContainer.getByTestId(`audit-${rootName}`);
  const userRow = byContainer.getByTestId(`audit-${userName}`);
  await rootRow.getByRole('button', { expanded: false }).click();
  await userRow.getByRole('button', { expanded: false }).click();

  await expect(rootRow.locator('[data-testid="finding"][data-rule="4.1"]')).toHaveCount(1);
  await expect(rootRow.locator('[data-testid="finding"][data-rule="4.1"]')).toContainText('Runs as root');
  await expect(rootRow.locator('[data-rule="4.1"]').getByTestId('finding-fix')).toContainText('--user');
  await expect(userRow.getByTestId('finding').first()).toBeVisible();
  await expect(userRow.locator('[data-rule="4.1"]')).toHaveCount(0);

  // Each row lists exactly its own container's findings, as the API reports them, with its score.
  const [rootAudit, userAudit] = [await auditOf(page, rootName), await auditOf(page, userName)];
  expect(rootAudit?.id).toBe(root);
  expect(userAudit?.id).toBe(user);
  expect(await rulesIn(page, rootName)).toEqual(rootAudit!.findings.map((f) => f.rule));
  expect(await rulesIn(page, userName)).toEqual(userAudit!.findings.map((f) => f.rule));
  await expect(rootRow).toHaveAttribute('data-score', String(rootAudit!.score));
  await expect(userRow).toHaveAttribute('data-score', String(userAudit!.score));
  expect(userAudit!.score).toBeGreaterThan(rootAudit!.score);

  // By rule: 4.1 names the root container and not the other; its name opens that container's row.
  const rootRule = page.getByTestId('audit-by-rule').getByTestId('rule-4.1');
  await expect(rootRule.getByRole('button', { name: rootName })).toBeVisible();
  await expect(rootRule.getByRole('button', { name: userName })).toHaveCount(0);

  // Filtering to high severity leaves neither container a finding.
  await page.getByRole('group', { name: 'Filter by severity' }).getByRole('button', { name: 'medium' }).click();
  await page.getByRole('group', { name: 'Filter by severity' }).getByRole('button', { name: 'low' }).click();
  await expect(rootRow.getByTestId('finding')).toHaveCount(0);
  await page.getByRole('group', { name: 'Filter by severity' }).getByRole('button', { name: 'medium' }).click();
  await page.getByRole('group', { name: 'Filter by severity' }).getByRole('button', { name: 'low' }).click();

  // The images section: a bar for the test image, sized as the CLI reports it, largest first.
  const bar = page.getByTestId('images').getByTestId('image-bar').filter({ hasText: TEST_IMAGE });
  await expect(bar).toHaveCount(1);
  await expect(bar).toHaveAttribute('data-size', await docker(['image', 'inspect', '-f', '{{.Size}}', TEST_IMAGE]));
  await expect(bar).toHaveAttribute('data-unused', 'false');
  await expect(bar).toContainText('MB');
  await expect(bar).toContainText(/old/);
  const sizes = await page.getByTestId('image-bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-size'))));
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

  await page.getByTestId('audit-filters').getByRole('searchbox').fill(objects.prefix);
  await page.screenshot({ path: 'test-results/screenshots/security.png' });

  // The map draws the same judgement: the root container's node is marked, the other is not.
  await page.getByTestId('nav-map').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await map.expectElement(`ctr:${root}`);
  await map.expectElement(`ctr:${user}`);
  expect((await map.node(`ctr:${root}`))?.classes).toContain('root');
  expect((await map.node(`ctr:${user}`))?.classes).not.toContain('root');
});

test('the inspect panel lists a container’s findings and links to all of them', async ({ map, objects, page }) => {
  const name = objects.name('inspected');
  const ctr = await objects.sleeper('inspected');
  await map.open(`?select=ctr:${ctr}`);
  const findings = map.inspectPanel.getByTestId('container-finding');
  await expect(findings.and(page.locator('[data-rule="4.1"]'))).toHaveCount(1);
  await expect(findings.and(page.locator('[data-rule="4.1"]'))).toContainText('docker run --user 1000');
  const audit = await auditOf(page, name);
  await expect(map.inspectPanel.getByTestId('container-security')).toHaveAttribute('data-score', String(audit!.score));
  await expect(findings).toHaveCount(audit!.findings.length);
  await map.inspectPanel.getByTestId('container-security').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/security-panel.png' });

  await page.getByRole('link', { name: 'All findings' }).click();
  await expect(page).toHaveURL(/\/security\?container=/);
  await expect(page.getByTestId(`audit-${name}`).getByTestId('finding').first()).toBeVisible();
  await expect(page.getByTestId(`audit-${name}`).getByRole('button', { expanded: true })).toBeVisible();
});

test('the security lens reads well in dark mode too', async ({ objects, page }) => {
  await objects.sleeper('dark');
  await objects.sleeper('dark-user', ['--user', '1009']);
  await docker(['run', '-d', '--name', objects.name('dark-web'), '-p', '18097:80', TEST_IMAGE, 'httpd', '-f', '-p', '80']);
  await page.goto('/security');
  await page.evaluate(() => {
    window.localStorage.setItem('portolan-theme', 'dark');
    window.dispatchEvent(new Event('portolan-theme-change'));
  });
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByTestId('audit-filters').getByRole('searchbox').fill(objects.prefix);
  await page
    .getByTestId(`audit-${objects.name('dark')}`)
    .getByRole('button')
    .first()
    .click();
  await expect(
    page
      .getByTestId(`audit-${objects.name('dark')}`)
      .getByTestId('finding')
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/security-dark.png' });
  await page.evaluate(() => window.localStorage.removeItem('portolan-theme'));
});

test('running a container as non-root from the run dialog shows in the audit at once', async ({ map, objects, page }) => {
  const name = objects.name('nonroot');
  await map.open();
  await page.getByTestId('global-actions').getByRole('button', { name: 'Run container' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Image').selectOption(TEST_IMAGE);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Command').fill('sleep 1000000');
  await dialog.getByLabel('Run as non-root').check();
  await dialog.getByLabel('User id').fill('1009');
  await expect(dialog.getByTestId('command-preview')).toContainText('--user 1009');
  await dialog.getByRole('button', { name: 'Run container' }).click();
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  expect(await docker(['inspect', '-f', '{{.Config.User}}', name])).toBe('1009');

  await expect.poll(async () => (await auditOf(page, name))?.findings.map((f) => f.rule)).toEqual(['5.11', '5.13']);
  const id = await docker(['inspect', '-f', '{{.Id}}', name]);
  await expect.poll(async () => (await map.node(`ctr:${id}`))?.classes).not.toContain('root');
});
