import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 }, timezoneId: 'Europe/Paris', locale: 'en-GB' });

test('a killed container reads as stopped in words, with the Engine line one click away and the time in the local zone', async ({
  map,
  objects,
  page,
}) => {
  await map.open();
  const name = objects.name('killed');
  await objects.sleeper('killed');
  await expect(page.getByTestId('activity')).toContainText(`${name} started`);
  await objects.docker(['kill', name]);

  const ticker = page.getByTestId('activity');
  await expect(ticker).toContainText(`${name} was stopped (killed)`);
  await expect(ticker).toContainText(`${name} stopped (killed)`);
  await expect(ticker.locator('time').first()).toHaveText(/^\d\d:\d\d:\d\d CES?T$/);

  const died = ticker.locator('details', { hasText: `${name} stopped (killed)` });
  await expect(died.getByText(/^container die /)).toBeHidden();
  await died.locator('summary').click();
  await expect(died.getByText(/^container die /)).toBeVisible();
  await expect(died.getByText(/^container die /)).toContainText('exitCode=137');
});

test('a reloaded page, and one opened later in the room, show what happened before they opened', async ({ map, objects, page, browser }) => {
  await map.open('?present=1');
  const name = objects.name('before');
  await objects.sleeper('before');
  await objects.docker(['kill', name]);
  const ticker = page.getByTestId('activity');
  await expect(ticker).toContainText(`${name} stopped (killed)`);
  const seen = await ticker.locator('li').allInnerTexts();

  // Nothing more happens to it: whatever the reloaded page tells of it, the server kept.
  await page.reload();
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await expect(ticker).toContainText(`${name} started`);
  await expect(ticker).toContainText(`${name} stopped (killed)`);
  // At rest (nothing new since it opened) the newest line is in view and the rest one click away, so the map keeps its room.
  await expect(page.getByRole('button', { name: /^Show all \d+$/ })).toBeVisible();
  // The same lines in the same order, times included (the engine is shared: newer lines may have come on top).
  const reloaded = await ticker.locator('li').allInnerTexts();
  const start = reloaded.indexOf(seen[0]!);
  expect(start).toBeGreaterThanOrEqual(0);
  const overlap = reloaded.slice(start);
  expect(overlap).toEqual(seen.slice(0, overlap.length));
  // Each line still opens to the Engine's words.
  const died = ticker.locator('details', { hasText: `${name} stopped (killed)` });
  await died.locator('summary').click();
  await expect(died.getByText(/^container die /)).toContainText('exitCode=137');
  await page.screenshot({ path: 'test-results/screenshots/ticker-after-reload-1280x720.png' });

  // A second screen opened now reads the same history.
  const other = await browser.newPage({ viewport: { width: 1280, height: 720 }, timezoneId: 'Europe/Paris', locale: 'en-GB' });
  await other.goto('/?present=1');
  await expect(other.getByTestId('activity')).toContainText(`${name} stopped (killed)`);
  await expect(other.getByTestId('activity')).toContainText(`${name} started`);
  await other.close();
});

test('in presenter mode at 1280x720 a burst keeps eight lines in view and the last 50 one click away', async ({ map, objects, page }) => {
  await map.open('?present=1');
  // Each container is three events: create, connect, start.
  for (const n of [1, 2, 3, 4]) await objects.sleeper(`burst${n}`);
  const ticker = page.getByTestId('activity');
  await expect(ticker).toContainText(`${objects.name('burst4')} started`);
  // The engine is shared: other tests' events may arrive too, so at least these twelve.
  await expect.poll(() => ticker.locator('li').count()).toBeGreaterThanOrEqual(12);

  const inView = () =>
    ticker.locator('li').evaluateAll((items) => {
      const list = items[0]!.parentElement!.getBoundingClientRect();
      return items.filter((li) => {
        const box = li.getBoundingClientRect();
        return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
      }).length;
    });
  expect(await inView()).toBeGreaterThanOrEqual(8);
  const box = (await page.getByRole('region', { name: 'Activity' }).boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  // Presenter's exit button and engine banner stay clear at the top.
  expect(box.y).toBeGreaterThan(200);
  await page.screenshot({ path: 'test-results/screenshots/ticker-presenter-1280x720.png' });

  // The wheel over a line scrolls the list to older events.
  const first = ticker.locator('summary').first();
  await first.hover();
  await page.mouse.wheel(0, 200);
  await expect.poll(() => ticker.evaluate((list) => list.scrollTop)).toBeGreaterThan(0);

  await page.getByRole('button', { name: /^Show all \d+$/ }).click();
  expect(await inView()).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/ticker-presenter-expanded-1280x720.png' });
});
