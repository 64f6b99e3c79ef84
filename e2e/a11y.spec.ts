import type { Locator, Page } from '@playwright/test';
import { TEST_IMAGE } from '../scripts/testkit/docker';
import { expect, test, violations, type MapPage } from './fixtures';

interface DialogCase {
  name: string;
  /** The control that opens it: a global action, or one in the selected container's panel. */
  opener: (page: Page) => Locator;
  primary: string;
  /** More of the page's query, for an opener outside the map's own panels. */
  query?: string;
  /** Another page than the map's, where the opener is. */
  path?: string;
}

const global = (label: string) => (page: Page) => page.getByTestId('global-actions').getByRole('button', { name: label, exact: true });
/** A button on the test image's bar in the security lens's images view. */
const onTestImage = (verb: string) => (page: Page) =>
  page.locator(`[data-testid="image-bar"][data-tags~="${TEST_IMAGE}"]`).getByRole('button', { name: new RegExp(`^${verb} `) });
const inPanel = (label: string) => (page: Page) => page.getByTestId('inspect-panel').getByRole('button', { name: label, exact: true });

const DIALOGS: DialogCase[] = [
  { name: 'create network', opener: global('New network'), primary: 'Create network' },
  { name: 'run container', opener: global('Run container'), primary: 'Run container' },
  { name: 'connect', opener: inPanel('Connect to network…'), primary: 'Connect' },
  { name: 'map ports', opener: inPanel('Map ports…'), primary: 'Map ports' },
  { name: 'probe', opener: inPanel('Probe…'), primary: 'Probe' },
  {
    name: 'lesson clean-up',
    opener: (page) => page.getByTestId('lesson-panel').getByRole('button', { name: 'Clean up this lesson', exact: true }),
    // Nothing in these tests carries the lesson's label: the button reads Remove, disabled, and must still fit.
    primary: 'Remove',
    query: '&lesson=frontend-backend-isolation',
  },
  // Opening these changes nothing: the tag's name is empty, and the removal waits for its confirmation.
  { name: 'tag image', opener: onTestImage('Tag'), primary: 'Tag image', path: '/security' },
  { name: 'remove image', opener: onTestImage('Remove'), primary: 'Remove image', path: '/security' },
  { name: 'remove container', opener: inPanel('Remove…'), primary: 'Remove container' },
  { name: 'prune networks', opener: global('Prune networks…'), primary: 'Prune networks' },
];

/** Opens the page a dialog's opener is on, with the sleeping container selected where that is the map. */
async function openFor(dialog: DialogCase, map: MapPage, page: Page, ctr: string): Promise<void> {
  if (!dialog.path) return map.open(`?select=ctr:${ctr}${dialog.query ?? ''}`);
  await page.goto(dialog.path);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`in the ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    const expectTheme = async (page: Page) =>
      expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');

    test('the map, with activity in the ticker, has no axe violations', async ({ map, objects, page }) => {
      await map.open();
      await expectTheme(page);
      // Events after the page opened fill the activity ticker, which is checked too.
      await objects.sleeper('ticker');
      await expect(page.getByTestId('activity')).toContainText(`${objects.name('ticker')} started`);
      expect(await violations(page)).toEqual([]);
    });

    test('the list view has no axe violations', async ({ map, page }) => {
      await map.open('?view=list');
      await expectTheme(page);
      expect(await violations(page)).toEqual([]);
    });

    test('the security lens has no axe violations', async ({ map, objects, page }) => {
      await objects.sleeper('audited');
      await page.goto('/security');
      await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
      await expect(page.getByTestId(`audit-${objects.name('audited')}`)).toBeVisible();
      await expectTheme(page);
      expect(await violations(page)).toEqual([]);
    });

    for (const dialog of DIALOGS) {
      test(`the ${dialog.name} dialog has no axe violations`, async ({ map, objects, page }) => {
        const ctr = await objects.sleeper('dialog');
        await openFor(dialog, map, page, ctr);
        await expectTheme(page);
        await dialog.opener(page).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });
    }
  });
}

test.describe('at 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  for (const dialog of DIALOGS) {
    test(`the ${dialog.name} dialog fits the screen with its ${dialog.primary} button in view`, async ({ map, objects, page }) => {
      const ctr = await objects.sleeper('fit');
      await openFor(dialog, map, page, ctr);
      await dialog.opener(page).click();
      const panel = page.getByRole('dialog');
      await expect(panel).toBeVisible();
      const box = (await panel.boundingBox())!;
      test.info().annotations.push({ type: 'dialog height', description: `${dialog.name}: ${Math.round(box.height)} px` });
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(720);

      // In view and on top: not scrolled away inside the dialog, not covered by its body.
      const primary = panel.getByRole('button', { name: dialog.primary, exact: true });
      await expect(primary).toBeInViewport({ ratio: 1 });
      const b = (await primary.boundingBox())!;
      const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.textContent?.trim() ?? null, {
        x: b.x + b.width / 2,
        y: b.y + b.height / 2,
      });
      expect(onTop).toBe(dialog.primary);
      await page.screenshot({ path: `test-results/screenshots/dialog-${dialog.name.replaceAll(' ', '-')}-1280x720.png` });
    });
  }
});

test.describe('focus after a dialog', () => {
  for (const [how, close] of [
    ['Escape', (page: Page) => page.keyboard.press('Escape')],
    ['Cancel', (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()],
  ] as const) {
    test(`returns to the button that opened it after ${how}`, async ({ map, objects, page }) => {
      const ctr = await objects.sleeper('focus');
      await map.open(`?select=ctr:${ctr}`);
      for (const dialog of [DIALOGS[0]!, DIALOGS[3]!]) {
        await dialog.opener(page).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await close(page);
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await expect(dialog.opener(page)).toBeFocused();
      }
    });
  }
});
