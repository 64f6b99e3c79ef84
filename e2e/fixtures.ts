import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { TestObjects } from '../scripts/testkit/docker';

/** The first page, read the way a person reads it. */
export class OverviewPage {
  readonly engineStatus: Locator;
  readonly networksTotal: Locator;
  readonly containersTotal: Locator;

  constructor(readonly page: Page) {
    this.engineStatus = page.getByTestId('engine-status');
    this.networksTotal = page.getByTestId('networks-total');
    this.containersTotal = page.getByTestId('containers-total');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.engineStatus).toHaveAttribute('data-status', 'connected');
  }

  networksWithDriver(driver: string): Locator {
    return this.page.getByTestId(`networks-${driver}`);
  }

  async count(locator: Locator): Promise<number> {
    return Number(await locator.textContent());
  }
}

export const test = base.extend<{ overview: OverviewPage; objects: TestObjects }>({
  overview: async ({ page }, use) => {
    await use(new OverviewPage(page));
  },
  objects: async ({}, use, testInfo) => {
    const objects = new TestObjects(`e2e${testInfo.workerIndex}`);
    await use(objects);
    await objects.cleanup();
  },
});

export { expect };
