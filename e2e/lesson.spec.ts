import { mkdir } from 'node:fs/promises';
import { docker, TEST_IMAGE } from '../scripts/testkit/docker';
import { E2E_LESSON_PREFIX } from '../scripts/testkit/lessonVars';
import { expect, test } from './fixtures';

// A lesson beside the map, done with the docker CLI alone: each step ticks itself within 2 s of its command.
// The server runs its lessons with names under ptl-e2e-lesson- (playwright.config.ts), removed before and after.

const LESSON = 'frontend-backend-isolation';

async function removeLessonObjects(): Promise<void> {
  const containers = (await docker(['ps', '-aq', '--filter', `name=^/${E2E_LESSON_PREFIX}-`])).split('\n').filter(Boolean);
  if (containers.length) await docker(['rm', '-f', ...containers]);
  const networks = (await docker(['network', 'ls', '-q', '--filter', `name=^${E2E_LESSON_PREFIX}-`])).split('\n').filter(Boolean);
  for (const n of networks) await docker(['network', 'rm', n]).catch(() => undefined);
}

test.beforeEach(async ({ page, baseURL }) => {
  await removeLessonObjects();
  const reset = await page.request.post(`/api/lessons/${LESSON}/reset`, {
    headers: { Origin: baseURL!, 'Content-Type': 'application/json' },
    data: {},
  });
  expect(reset.status()).toBe(200);
});

test.afterEach(removeLessonObjects);

test('the lesson view ticks each step done in a terminal, and presenter shows the step for the room', async ({ map, page }) => {
  await map.open(`?lesson=${LESSON}`);
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Keep the database off the front line' })).toBeVisible();

  const steps = panel.locator('li[data-testid^="lesson-step-"]');
  await expect(steps).toHaveCount(6);
  for (let i = 0; i < 6; i++) {
    const step = steps.nth(i);
    await expect(step).toHaveAttribute('aria-current', 'step');
    const commands = await step.getByTestId('lesson-command').allTextContents();
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const args = command.trim().split(/\s+/).slice(1);
      // Step 5 is meant to fail: web cannot even resolve db.
      await docker(args).catch((err: Error) => expect(i, `"${command}" failed: ${err.message}`).toBe(4));
    }
    await expect(step, `step ${i + 1} ticks within 2 s`).toHaveAttribute('data-done', 'true', { timeout: 2000 });
    if (i === 0) {
      await mkdir('test-results/screenshots', { recursive: true });
      await page.screenshot({ path: 'test-results/screenshots/lesson-view.png' });
    }
  }
  await expect(page.getByTestId('lesson-finished')).toBeVisible();
  await expect(page.getByTestId('lesson-count')).toHaveText('6 of 6 done');
});

test('presenter mode at 1280×720 shows the current step large, and back, skip and reset move every viewer', async ({
  map,
  page,
  browser,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await map.open(`?lesson=${LESSON}&present=1`);
  const stage = page.getByTestId('lesson-stage');
  await expect(stage).toContainText('step 1 of 6');
  const title = stage.getByRole('heading');
  await expect(title).toHaveText('Create a frontend and an internal backend network');
  expect(parseFloat(await title.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(32);
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/lesson-presenter-frontend-backend-1280x720.png' });

  // A second viewer, e.g. a learner's laptop: the teacher's skip reaches it.
  const other = await browser.newPage({ baseURL });
  await other.goto(`/?lesson=${LESSON}`);
  const otherPanel = other.getByTestId('lesson-panel');
  await expect(otherPanel).toHaveAttribute('data-current', '0');
  const post = (verb: string) =>
    page.request.post(`/api/lessons/${LESSON}/${verb}`, { headers: { Origin: baseURL!, 'Content-Type': 'application/json' }, data: {} });
  expect((await post('skip')).status()).toBe(200);
  await expect(stage).toContainText('step 2 of 6');
  await expect(otherPanel).toHaveAttribute('data-current', '1');
  await expect(otherPanel.locator('li[data-testid^="lesson-step-"]').first()).toContainText('skipped');
  expect((await post('back')).status()).toBe(200);
  await expect(otherPanel).toHaveAttribute('data-current', '0');
  await other.close();
});

test('clean-up lists the commands for what the lesson’s controls made, removes exactly that, and gives focus back to its button', async ({
  map,
  lesson,
  objects,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await map.open(`?lesson=${LESSON}`);
  const label = `--label io.portolan.lesson=${LESSON}`;
  const [front, back, db] = ['front', 'back', 'db'].map((n) => `${E2E_LESSON_PREFIX}-${n}`) as [string, string, string];
  const outcome = page.getByTestId('action-command');

  // Step 1 from the lesson's own control: the dialog says the network is the lesson's, and its command carries the label.
  const create = await lesson.doInPortolan(0);
  await expect(create.getByTestId('lesson-note')).toContainText(`io.portolan.lesson=${LESSON}`);
  await create.getByLabel('Name').fill(front);
  await expect(create.getByTestId('command-preview')).toContainText(`${label} ${front}`);
  await create.getByRole('button', { name: 'Create network' }).click();
  await expect(outcome).toContainText(`${label} ${front}`);
  // The backend network and a container are made in a terminal, outside the lesson: clean-up leaves them.
  await docker(['network', 'create', '--internal', back]);
  const outsider = objects.name('outsider');
  await objects.sleeper('outsider');
  await expect(lesson.currentStep).toContainText('Run the database on the backend only');

  // Step 2: the database, run from the lesson's control onto the terminal's network.
  const run = await lesson.doInPortolan(0);
  await run.getByLabel('Image').selectOption(TEST_IMAGE);
  await run.getByLabel('Name').fill(db);
  await run.getByLabel('Command').fill('sleep 3600');
  await run.getByLabel('Network').selectOption(back);
  await expect(run.getByTestId('command-preview')).toHaveText(`docker run --detach --name ${db} --network ${back} ${label} ${TEST_IMAGE} sleep 3600`);
  await run.getByRole('button', { name: 'Run container' }).click();
  await expect(outcome).toContainText(label);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // By keyboard: the dialog opens on Cancel, and Escape gives focus back to the button.
  await lesson.cleanUpButton.focus();
  await page.keyboard.press('Enter');
  await expect(lesson.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(lesson.dialog).toHaveCount(0);
  await expect(lesson.cleanUpButton).toBeFocused();
  expect(await docker(['ps', '-aq', '--filter', `name=^/${db}$`])).not.toBe(''); // closing removed nothing

  const dialog = await lesson.openCleanup();
  await expect(dialog.getByTestId('cleanup-containers')).toHaveText(db);
  await expect(dialog.getByTestId('cleanup-networks')).toHaveText(front);
  await expect(dialog.getByTestId('command-preview')).toHaveText(`docker rm --force ${db}\ndocker network rm ${front}`);
  // At 1280×720 the whole dialog, its buttons included, is on screen.
  const confirm = dialog.getByRole('button', { name: 'Remove 2 objects' });
  await expect(confirm).toBeInViewport({ ratio: 1 });
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/lesson-cleanup-1280x720.png' });
  await confirm.click();

  await expect(lesson.dialog).toHaveCount(0);
  await expect(page.getByTestId('action-outcome')).toContainText('lesson cleaned up: 2 objects removed');
  await expect(outcome).toHaveText(`docker rm --force ${db}\ndocker network rm ${front}`);
  await expect(lesson.cleanUpButton).toBeFocused();
  // The Engine, asked with the CLI: the lesson's two objects are gone, what the terminal made is still there.
  expect(await docker(['ps', '-aq', '--filter', `name=^/${db}$`])).toBe('');
  expect(await docker(['network', 'ls', '-q', '--filter', `name=^${front}$`])).toBe('');
  expect(await docker(['network', 'ls', '-q', '--filter', `name=^${back}$`])).not.toBe('');
  expect(await docker(['ps', '-q', '--filter', `name=^/${outsider}$`])).not.toBe('');
});
