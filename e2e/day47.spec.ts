import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { LessonView } from '../lib/lessons/view';
import { docker, TEST_IMAGE, waitFor } from '../scripts/testkit/docker';
import { E2E_LESSON_PREFIX, E2E_LESSON_VARS } from '../scripts/testkit/lessonVars';
import { REGISTRY_IMAGE, registryAnswers } from '../scripts/testkit/registry';
import { expect, test, type LessonPanel } from './fixtures';

// Day 47 done twice: once with the docker CLI alone (each step ticks itself within 2 s of its commands, read from
// the page as a learner copies them), once with Portolan's controls alone, then "Clean up this lesson".
// The server runs the lesson with names under ptl-e2e-lesson-, the test image, and free loopback ports
// (scripts/testkit/lessonVars.ts): nothing here reaches past this machine.

const LESSON = 'day47-networking-security';
const V = E2E_LESSON_VARS as Record<
  'image' | 'c1' | 'c2' | 'net' | 'web' | 'app' | 'registry' | 'registry_image' | 'web_port' | 'registry_port',
  string
>;
const REGISTRY = `127.0.0.1:${V.registry_port}`;
/** The tag the registry steps push and pull. */
const LESSON_IMAGE = `${REGISTRY}/lesson/busybox:1`;
const SHOTS = 'test-results/screenshots';

const sh = promisify(execFile);

/** Everything the lesson's names, its registry's images and its label hold on the engine. */
async function leftovers(): Promise<{ containers: string[]; networks: string[]; images: string[] }> {
  const lines = (s: string) => s.split('\n').filter(Boolean);
  const containers = lines(await docker(['ps', '-a', '--format', '{{.Names}}', '--filter', `name=^/${E2E_LESSON_PREFIX}-`]));
  const labelled = lines(await docker(['ps', '-a', '--format', '{{.Names}}', '--filter', `label=io.portolan.lesson=${LESSON}`]));
  const networks = lines(await docker(['network', 'ls', '--format', '{{.Name}}', '--filter', `name=^${E2E_LESSON_PREFIX}-`]));
  const labelledNets = lines(await docker(['network', 'ls', '--format', '{{.Name}}', '--filter', `label=io.portolan.lesson=${LESSON}`]));
  // Tags and digest references both: a push leaves REGISTRY/lesson/busybox@sha256:… on the shared test image.
  const images = lines(await docker(['images', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}']))
    .map((l) => l.split(' ') as [string, string, string])
    .filter(([repo]) => repo.startsWith(`${REGISTRY}/lesson/`))
    .flatMap(([repo, tag, digest]) => [...(tag !== '<none>' ? [`${repo}:${tag}`] : []), ...(digest !== '<none>' ? [`${repo}@${digest}`] : [])]);
  return {
    containers: [...new Set([...containers, ...labelled])],
    networks: [...new Set([...networks, ...labelledNets])],
    images: [...new Set(images)],
  };
}

async function removeLessonObjects(): Promise<void> {
  const { containers, networks, images } = await leftovers();
  // Leaving the lesson's network before the containers go avoids a Docker 20.10 race that strands endpoints.
  for (const c of containers) for (const n of networks) await docker(['network', 'disconnect', '-f', n, c]).catch(() => undefined);
  if (containers.length) await docker(['rm', '-f', '-v', ...containers]);
  for (const n of networks) await docker(['network', 'rm', n]);
  for (const ref of images) await docker(['rmi', ref]).catch((err: Error) => expect(err.message).toMatch(/No such image|not found/));
}

async function resetLesson(page: Page, baseURL: string): Promise<LessonView> {
  const reset = await page.request.post(`/api/lessons/${LESSON}/reset`, {
    headers: { Origin: baseURL, 'Content-Type': 'application/json' },
    data: {},
  });
  expect(reset.status()).toBe(200);
  return (await reset.json()) as LessonView;
}

test.beforeAll(async () => {
  // Every image the lesson runs is on this engine already: no `docker run` may fall back to Docker Hub.
  expect(V.image).toBe(TEST_IMAGE);
  expect(V.registry_image).toBe(REGISTRY_IMAGE);
  await docker(['image', 'inspect', '-f', '{{.Id}}', TEST_IMAGE, REGISTRY_IMAGE]);
});

test.beforeEach(removeLessonObjects);

test.afterEach(async () => {
  await removeLessonObjects();
  expect(await leftovers()).toEqual({ containers: [], networks: [], images: [] });
});

/**
 * Runs a step's command as a learner pastes it into a shell. `curl` is Node's fetch against loopback; every other
 * line is a docker command, run by sh (step 4 asks `docker inspect` for an address with `$(…)`).
 */
async function asTyped(command: string): Promise<void> {
  if (/^curl\s/.test(command)) {
    const url = new URL(command.split(/\s+/).find((w) => /^https?:\/\//.test(w))!);
    expect(url.hostname).toBe('127.0.0.1');
    // Right after `docker run -p` the server inside may not listen yet, and a connection docker-proxy accepts then
    // can hang: a learner would press Enter again. Each try gives up after 2 s; the step's 2 s starts after this.
    await waitFor(
      `${url} to answer`,
      () =>
        fetch(url, { signal: AbortSignal.timeout(2000) }).then(
          (res) => res.text().then(() => true),
          () => null,
        ),
      10_000,
      250,
    );
    return;
  }
  expect(command, 'a lesson command is a docker command or a curl').toMatch(/^docker\s/);
  // Loopback only: a pull or push names the lesson's own registry; a run, an image this engine has.
  const words = command.split(/\s+/);
  if (['pull', 'push'].includes(words[1]!)) expect(words[2]).toMatch(new RegExp(`^${REGISTRY.replace(/\./g, '\\.')}/`));
  if (words[1] === 'run')
    expect(
      [TEST_IMAGE, REGISTRY_IMAGE].some((image) => words.includes(image)),
      command,
    ).toBe(true);
  try {
    await sh('sh', ['-c', command]);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`"${command}" failed: ${e.stderr?.trim() || e.message}`);
  }
}

test('Day 47 with the docker CLI only: every step ticks itself within 2 s of the commands the page shows', async ({
  map,
  objects,
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await mkdir(SHOTS, { recursive: true });
  const lesson = await resetLesson(page, baseURL!);

  // A newcomer's engine, Docker's own networks and nothing else, is offered the lessons; only when the engine is that bare.
  const bare =
    (await docker(['ps', '-aq'])) === '' &&
    (await docker(['network', 'ls', '--format', '{{.Name}}'])).split('\n').sort().join(' ') === 'bridge host none';
  if (bare) {
    await map.open();
    await expect(page.getByTestId('lessons-offer')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/lessons-offer-1280x720.png` });
  } else console.log('lessons offer screenshot not taken: the engine has more than the predefined networks');

  // Someone else's container on the default bridge: c2's address is not 172.17.0.3, and it is not the lesson's c1 or c2.
  await objects.sleeper('outsider');

  await map.open(`?lesson=${LESSON}`);
  const panel = page.getByTestId('lesson-panel');
  await expect(panel.getByRole('heading', { name: 'Docker Networking & Security' })).toBeVisible();
  const steps = panel.locator('li[data-testid^="lesson-step-"]');
  await expect(steps).toHaveCount(15);
  expect(lesson.steps).toHaveLength(15);

  const tickedBeforeTheirCommands: string[] = [];
  for (let i = 0; i < 15; i++) {
    const step = steps.nth(i);
    const { title } = lesson.steps[i]!;
    let commands: string[];
    if ((await step.getAttribute('data-done')) === 'true') {
      // Its condition held as soon as the step before it ticked (see below): its commands, as the lesson has them.
      tickedBeforeTheirCommands.push(title);
      commands = lesson.steps[i]!.commands;
    } else {
      await expect(step, `step ${i + 1} is current`).toHaveAttribute('aria-current', 'step');
      commands = (await step.getByTestId('lesson-command').allTextContents()).map((c) => c.trim());
    }
    expect(commands.length, `step ${i + 1} shows commands`).toBeGreaterThan(0);

    if (i === 7) await page.screenshot({ path: `${SHOTS}/lesson-view-1280x720.png` });
    if (i === 8) {
      const presenter = await page.context().newPage();
      await presenter.setViewportSize({ width: 1280, height: 720 });
      await presenter.goto(`/?lesson=${LESSON}&present=1`);
      const stage = presenter.getByTestId('lesson-stage');
      await expect(stage).toContainText('step 9 of 15');
      await expect(stage.getByRole('heading')).toHaveText(title);
      // The room reads both: the activity ticker sits beside the stage, not over its commands. A page tells what
      // happens once it is open, so something happens: a network of the test's own, which no step is about.
      await docker(['network', 'create', objects.name('ticker')]);
      const ticker = presenter.getByRole('region', { name: 'Activity' });
      await expect(ticker).toContainText(objects.name('ticker'));
      const [a, b] = [await stage.boundingBox(), await ticker.boundingBox()];
      expect(
        a && b && (b.x >= a.x + a.width || b.y >= a.y + a.height || b.x + b.width <= a.x || b.y + b.height <= a.y),
        'stage and ticker apart',
      ).toBe(true);
      await presenter.screenshot({ path: `${SHOTS}/lesson-presenter-1280x720.png` });
      await presenter.close();
    }
    // The registry takes a moment to listen after `docker run`: a learner's push waits for it too.
    if (commands.some((c) => c.startsWith('docker push'))) await registryAnswers(REGISTRY);

    for (const command of commands) {
      // Step 5 is meant to fail: the default bridge does not resolve c2's name.
      const failing = title === 'Ping by name fails on the default bridge';
      const outcome = await asTyped(command).then(
        () => 'ok',
        (err: Error) => err.message,
      );
      if (failing) expect(outcome, `"${command}" fails`).toMatch(/bad address/);
      else expect(outcome, `"${command}"`).toBe('ok');
    }
    await expect(step, `step ${i + 1} "${title}" ticks within 2 s`).toHaveAttribute('data-done', 'true', { timeout: 2000 });
    await expect
      .poll(async () => Number(await panel.getAttribute('data-current')), { message: `the lesson moves on from step ${i + 1}` })
      .toBeGreaterThan(i);
  }

  // By design these hold before anyone types: Docker's three networks and the bridge's subnet are there on any engine,
  // and the test image is under 10 MB, so "Lean images" ticks the moment "Run as a user other than root" does.
  expect(tickedBeforeTheirCommands).toEqual(['List the networks', 'Inspect the default bridge: its subnet and gateway', 'Lean images']);
  await expect(page.getByTestId('lesson-finished')).toBeVisible();
  await expect(page.getByTestId('lesson-count')).toHaveText('15 of 15 done');
  await expect(steps.filter({ hasText: 'skipped' })).toHaveCount(0);
  // What the registry steps left: the image pulled back from the lesson's registry.
  expect(await docker(['image', 'inspect', '-f', '{{join .RepoDigests ","}}', LESSON_IMAGE])).toContain(`${REGISTRY}/lesson/busybox@sha256:`);
});

async function dismissOutcome(page: Page): Promise<void> {
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  await page.getByRole('button', { name: 'Dismiss' }).click();
}

async function runInPortolan(
  lesson: LessonPanel,
  index: number,
  fields: { image: string; name: string; command?: string; network?: string; port?: [string, string]; user?: string },
): Promise<void> {
  const dialog = await lesson.doInPortolan(index);
  await expect(dialog.getByTestId('lesson-note')).toContainText(`io.portolan.lesson=${LESSON}`);
  await dialog.getByLabel('Image').selectOption(fields.image);
  await dialog.getByLabel('Name').fill(fields.name);
  if (fields.command) await dialog.getByLabel('Command').fill(fields.command);
  await dialog.getByLabel('Network').selectOption(fields.network ?? 'bridge');
  if (fields.port) {
    await dialog.getByLabel('Host port').fill(fields.port[0]);
    await dialog.getByLabel('Container port').fill(fields.port[1]);
  }
  if (fields.user) {
    await dialog.getByLabel('Run as non-root').check();
    await dialog.getByLabel('User id').fill(fields.user);
  }
  await dialog.getByRole('button', { name: 'Run container' }).click();
  await expect(dialog).toHaveCount(0);
  await dismissOutcome(lesson.page);
}

/** A pull or push step's control, opened on the image its command names, run to its end and closed. */
async function transferInPortolan(lesson: LessonPanel, index: number, kind: 'pull' | 'push', image: string): Promise<void> {
  const dialog = await lesson.doInPortolan(index);
  await expect(dialog.getByLabel('Image')).toHaveValue(image);
  await dialog.getByRole('button', { name: kind === 'pull' ? 'Pull' : 'Push', exact: true }).click();
  const transfer = dialog.getByTestId('transfer');
  await expect(transfer).toHaveAttribute('data-outcome', 'done', { timeout: 30_000 });
  await expect(transfer.getByTestId('transfer-command')).toHaveText(`docker ${kind} ${image}`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
}

/** The probe a ping step opens, already aimed as its command says; answers whether the target was reached. */
async function probeInPortolan(lesson: LessonPanel, target: string, by: 'ip' | 'name'): Promise<boolean> {
  const dialog = await lesson.doInPortolan(0);
  await expect(dialog.getByLabel('Target')).toHaveValue(target);
  await expect(dialog.getByLabel('Reach it')).toHaveValue(by);
  await dialog.getByRole('button', { name: 'Probe' }).click();
  const result = dialog.getByTestId('probe-result');
  await expect(result).toBeVisible({ timeout: 15_000 });
  const reachable = (await result.getAttribute('data-reachable')) === 'true';
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  return reachable;
}

test('Day 47 with Portolan’s controls only, then "Clean up this lesson" removes exactly its objects', async ({
  map,
  lesson,
  objects,
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await resetLesson(page, baseURL!);
  // Made outside the lesson, on the default bridge: clean-up must leave it.
  const outsider = objects.name('outsider');
  await objects.sleeper('outsider');
  await map.open(`?lesson=${LESSON}`);
  const steps = lesson.root.locator('li[data-testid^="lesson-step-"]');
  await expect(steps).toHaveCount(15);
  const at = async (n: number) => {
    await expect(lesson.root, `step ${n} is current`).toHaveAttribute('data-current', String(n - 1));
  };
  const ticked = (n: number) => expect(steps.nth(n - 1), `step ${n} ticks`).toHaveAttribute('data-done', 'true');

  // Steps 1 and 2 (docker network ls, docker network inspect bridge) have no control and need none: the map shows the
  // three networks and the bridge's subnet from the start, so both are done on reset.
  await ticked(1);
  await ticked(2);

  // 3: two containers on the default bridge, from the step's two "Run it in Portolan".
  await at(3);
  await runInPortolan(lesson, 0, { image: TEST_IMAGE, name: V.c1, command: 'sleep 3600' });
  await expect(steps.nth(2), 'c1 alone is not both').toHaveAttribute('data-done', 'false');
  await runInPortolan(lesson, 1, { image: TEST_IMAGE, name: V.c2, command: 'sleep 3600' });
  await ticked(3);

  // 4 and 5: the probe, by c2's address and then by its name on the default bridge (which fails, as the step wants).
  await at(4);
  expect(await probeInPortolan(lesson, V.c2, 'ip')).toBe(true);
  await ticked(4);
  await at(5);
  expect(await probeInPortolan(lesson, V.c2, 'name')).toBe(false);
  await ticked(5);

  // 6: the lesson's network, with the step's subnet.
  await at(6);
  const create = await lesson.doInPortolan(0);
  await create.getByLabel('Name').fill(V.net);
  await create.getByLabel('Subnet').fill('10.47.0.0/24');
  await create.getByRole('button', { name: 'Create network' }).click();
  await expect(create).toHaveCount(0);
  await dismissOutcome(page);
  await ticked(6);

  // 7: "Connect in Portolan", opened on the network and the container each command names.
  await at(7);
  for (const index of [0, 1]) {
    const connect = await lesson.doInPortolan(index);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connect).toHaveCount(0);
    await dismissOutcome(page);
  }
  await ticked(7);
  expect(await docker(['inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', V.c2])).toContain(V.net);

  // 8: the same probe by name, now on a network of the lesson's own where names resolve.
  await at(8);
  expect(await probeInPortolan(lesson, V.c2, 'name')).toBe(true);
  await ticked(8);

  // 9: web, publishing the lesson's port on loopback (the step's curl has no control and its tick does not need it).
  await at(9);
  await runInPortolan(lesson, 0, { image: TEST_IMAGE, name: V.web, command: 'httpd -f -p 80', port: [V.web_port, '80'] });
  await ticked(9);
  expect(await docker(['port', V.web, '80/tcp'])).toBe(`127.0.0.1:${V.web_port}`);

  // 10: app as 1000:1000.
  await at(10);
  await runInPortolan(lesson, 0, { image: TEST_IMAGE, name: V.app, command: 'sleep 3600', user: '1000:1000' });
  await ticked(10);
  expect(await docker(['inspect', '-f', '{{.Config.User}}', V.app])).toBe('1000:1000');

  // 11 (docker images, no control) holds already: the test image is under 10 MB, as the images view shows.
  await ticked(11);

  // 12: the registry, published on loopback.
  await at(12);
  await runInPortolan(lesson, 0, { image: REGISTRY_IMAGE, name: V.registry, port: [V.registry_port, '5000'] });
  await ticked(12);

  // 13: "Tag it in Portolan" gives the test image the registry's name, as the step's docker tag does; then "Push it in
  // Portolan" sends it there, with its progress.
  await at(13);
  const tag = await lesson.doInPortolan(0);
  await expect(tag.getByTestId('lesson-note')).toContainText('“Clean up this lesson” leaves images alone');
  await expect(tag.getByLabel('Image')).toHaveValue(V.image);
  await expect(tag.getByLabel('New name')).toHaveValue(LESSON_IMAGE);
  await tag.getByRole('button', { name: 'Tag image' }).click();
  await expect(tag).toHaveCount(0);
  await expect(page.getByTestId('action-command')).toHaveText(`docker tag ${V.image} ${LESSON_IMAGE}`);
  await dismissOutcome(page);
  await expect(steps.nth(12), 'tagged is not pushed').toHaveAttribute('data-done', 'false');
  await registryAnswers(REGISTRY);
  await transferInPortolan(lesson, 1, 'push', LESSON_IMAGE);
  await ticked(13);

  // 14: "Remove it in Portolan" confirms which name goes (the test image keeps its own) and runs docker rmi.
  await at(14);
  const remove = await lesson.doInPortolan(0);
  await expect(remove.getByRole('radio', { name: LESSON_IMAGE })).toBeChecked();
  await expect(remove.getByTestId('remove-image-outcome')).toContainText(`Only this name goes: the image stays as ${V.image}`);
  await expect(remove.getByTestId('command-preview')).toHaveText(`docker rmi ${LESSON_IMAGE}`);
  await remove.getByRole('button', { name: 'Remove image' }).click();
  await expect(remove).toHaveCount(0);
  await expect(page.getByTestId('action-command')).toHaveText(`docker rmi ${LESSON_IMAGE}`);
  await dismissOutcome(page);
  await ticked(14);
  await expect(docker(['image', 'inspect', LESSON_IMAGE])).rejects.toThrow(/No such image/i);

  // 15: "Pull it in Portolan" brings it back from the lesson's registry.
  await at(15);
  await transferInPortolan(lesson, 0, 'pull', LESSON_IMAGE);
  await ticked(15);

  await expect(page.getByTestId('lesson-finished')).toBeVisible();
  await expect(page.getByTestId('lesson-count')).toHaveText('15 of 15 done');
  await expect(steps.filter({ hasText: 'skipped' })).toHaveCount(0);

  // Clean-up: the list, its commands, and the Engine afterwards, asked with the CLI.
  const containers = [V.app, V.c1, V.c2, V.registry, V.web].sort((a, b) => a.localeCompare(b));
  const dialog = await lesson.openCleanup();
  await expect(dialog.getByTestId('cleanup-containers').getByRole('listitem')).toHaveText(containers);
  await expect(dialog.getByTestId('cleanup-networks')).toHaveText(V.net);
  await expect(dialog.getByTestId('command-preview')).toHaveText(
    [...containers.map((c) => `docker rm --force ${c}`), `docker network rm ${V.net}`].join('\n'),
  );
  await dialog.getByRole('button', { name: 'Remove 6 objects' }).click();
  // Five containers go one after another, the registry with its volume: on an engine busy with other runs, past 5 s.
  await expect(lesson.dialog).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('action-outcome')).toContainText('lesson cleaned up: 6 objects removed');

  for (const c of containers) expect(await docker(['ps', '-aq', '--filter', `name=^/${c}$`]), c).toBe('');
  expect(await docker(['network', 'ls', '-q', '--filter', `name=^${V.net}$`])).toBe('');
  expect(await docker(['ps', '-aq', '--filter', `label=io.portolan.lesson=${LESSON}`])).toBe('');
  expect(await docker(['inspect', '-f', '{{.State.Running}}', outsider])).toBe('true');
  // Images carry no lesson label, so the clean-up leaves the one pulled back (afterEach removes it).
  expect(await docker(['image', 'inspect', '-f', '{{join .RepoDigests ","}}', LESSON_IMAGE])).toContain(`${REGISTRY}/lesson/busybox@sha256:`);
});
