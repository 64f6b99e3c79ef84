import { docker, TestObjects } from '../scripts/testkit/docker';
import { SocketProxy } from '../scripts/testkit/socketProxy';
import { expect, extraPortolan, sidePort, test, type MapPage } from './fixtures';

/**
 * One Portolan watching several engines: the test engine, Docker 26.1 beside it (scripts/engine-26.sh),
 * and one that is not there. Each has its own map; the one that is down never hides the others.
 */
const V26 = 'unix:///run/portolan-engines/26.1/docker.sock';
const { url } = extraPortolan(
  sidePort(2),
  { PORTOLAN_ENGINES: `here=unix:///var/run/docker.sock,v26=${V26},gone=unix:///tmp/ptl-no-such-engine.sock` },
  200,
);

test('each engine is listed with its status; choosing one shows its map, and an action there acts on it', async ({ map, objects, page }) => {
  await page.goto(`${url}/`);
  const engines = page.getByRole('navigation', { name: 'Engines' });
  const engine = (name: string) => engines.locator(`[data-engine="${name}"]`);
  await expect(engine('here')).toHaveAttribute('aria-current', 'page');
  await expect(engine('v26')).toHaveAttribute('data-status', 'connected');
  await expect(engine('gone')).toHaveAttribute('data-status', 'unreachable');
  // Said in words, not by colour alone.
  await expect(engine('gone')).toContainText('unreachable');
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');

  await engine('v26').click();
  await expect(page).toHaveURL(/\?engine=v26$/);
  await expect(engine('v26')).toHaveAttribute('aria-current', 'page');
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await expect(map.engineStatus).toContainText('26.1');

  // A network made here is made on Docker 26.1, not on the first engine, and the docker line to copy says so.
  const name = objects.name('on-v26');
  await page.getByTestId('global-actions').getByRole('button', { name: 'New network' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await expect(dialog.getByTestId('command-preview')).toContainText(`docker -H ${V26} network create --driver bridge `);
  await expect(dialog.getByTestId('command-preview')).toContainText(name);
  await dialog.getByRole('button', { name: 'Create network' }).click();
  await expect(page.getByTestId('action-command')).toContainText(`docker -H ${V26} network create`);
  await expect.poll(async () => (await map.nodes()).some((n) => n.kind === 'network' && n.data.name === name)).toBe(true);
  try {
    expect(await docker(['network', 'inspect', '-f', '{{.Name}}', name], { ...process.env, DOCKER_HOST: V26 })).toBe(name);
    await expect(docker(['network', 'inspect', name])).rejects.toThrow();
  } finally {
    await docker(['network', 'rm', name], { ...process.env, DOCKER_HOST: V26 }).catch(() => undefined);
  }

  // The engine that is not there has a page of its own that says so, and the others stay listed.
  await engine('gone').click();
  await expect(map.engineStatus).toHaveAttribute('data-status', 'unreachable');
  await expect(engine('here')).toHaveAttribute('data-status', 'connected');
});

// The first engine's configuration cannot be used: Portolan starts all the same, for the others.
const firstBroken = extraPortolan(sidePort(6), { PORTOLAN_ENGINES: 'odd=foo://bar,here=unix:///var/run/docker.sock' }, 503);

test('a first engine that cannot be configured is listed with why, and the others still open', async ({ map, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${firstBroken.url}/`);
  const engines = page.getByRole('navigation', { name: 'Engines' });
  await expect(engines.locator('[data-engine="odd"]')).toHaveAttribute('data-status', 'unreachable');
  await expect(map.engineStatus).toHaveAttribute('data-status', 'unreachable');
  await expect(map.engineStatus).toContainText('PORTOLAN_ENGINES: odd=foo://bar: Portolan cannot use foo:// addresses');
  await page.screenshot({ path: `${process.env.PORTOLAN_E2E_OUTPUT ?? 'test-results/e2e'}/first-engine-broken-1280x720.png` });
  await engines.locator('[data-engine="here"]').click();
  await expect(page).toHaveURL(/\?engine=here$/);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
});

/** The groups of the map of every engine, as drawn: each engine's status, heading and how much it holds. */
async function groups(map: MapPage): Promise<Record<string, { status: string; label: string; holds: number }>> {
  const nodes = await map.nodes();
  return Object.fromEntries(
    nodes
      .filter((n) => n.kind === 'engine')
      .map((g) => {
        const name = String(g.data.engine);
        return [
          name,
          { status: String(g.data.status), label: g.label, holds: nodes.filter((n) => n.kind !== 'engine' && n.data.engine === name).length },
        ];
      }),
  );
}

const bridgeId = (env: NodeJS.ProcessEnv = process.env) => docker(['network', 'inspect', '-f', '{{.Id}}', 'bridge'], env);

test('the map of every engine shows each engine as a group with its status; a network made on v26 is in v26 alone, and its actions aim at v26', async ({
  map,
  objects,
  page,
}, testInfo) => {
  await page.goto(`${url}/`);
  await page.getByRole('navigation', { name: 'Engines' }).getByRole('link', { name: 'All engines' }).click();
  await expect(page).toHaveURL(/\?engines=all$/);
  await expect(page.getByRole('link', { name: 'All engines' })).toHaveAttribute('aria-current', 'page');
  await expect.poll(async () => Object.keys(await groups(map)).sort()).toEqual(['gone', 'here', 'v26']);

  // The first engine keeps its ids; another engine's carry its name: the two bridges are two networks.
  const [hereBridge, v26Bridge] = await Promise.all([bridgeId(), bridgeId({ ...process.env, DOCKER_HOST: V26 })]);
  await map.expectElement(`net:${hereBridge}`);
  await map.expectElement(`v26/net:${v26Bridge}`);
  expect((await map.node(`v26/net:${v26Bridge}`))?.data.engine).toBe('v26');
  const drawn = await groups(map);
  expect(drawn.here).toMatchObject({ status: 'connected' });
  expect(drawn.here!.label).toMatch(/^here · Docker 20\.10/);
  expect(drawn.v26!.label).toMatch(/^v26 · Docker 26\.1/);
  expect(drawn.v26!.label).toContain('\nconnected');
  // The engine that is not there is its group, with its status and why, and nothing in it.
  expect(drawn.gone).toMatchObject({ status: 'unreachable', holds: 0 });
  expect(drawn.gone!.label).toContain('unreachable');
  expect(drawn.gone!.label).toContain('ptl-no-such-engine.sock');
  expect(drawn.here!.holds).toBeGreaterThan(0);
  expect(drawn.v26!.holds).toBeGreaterThan(0);

  // Made with the docker CLI on v26: it appears in v26's group, and only there.
  const name = objects.name('all-v26');
  const id = await docker(['network', 'create', name], { ...process.env, DOCKER_HOST: V26 });
  try {
    await map.expectElement(`v26/net:${id}`);
    const nodes = await map.nodes();
    expect(nodes.filter((n) => n.kind === 'network' && n.data.name === name).map((n) => n.data.engine)).toEqual(['v26']);
    expect(nodes.some((n) => n.id === `net:${id}`)).toBe(false);

    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByRole('button', { name: 'Fit' }).click();
      await map.still();
      await page.screenshot({ path: testInfo.outputPath(`all-engines-${width}x${height}.png`) });
      // The group headings read from the back of a room on a projector's screen.
      for (const { id: group, px } of await map.fontSizes('engine')) expect(px, `${group} at ${width}×${height}`).toBeGreaterThanOrEqual(12);
    }

    // As tables: each engine under its name and status, the network in v26's alone.
    await page.getByRole('button', { name: 'List view' }).click();
    await expect(page.getByRole('region', { name: 'Engine v26' })).toContainText(name);
    await expect(page.getByRole('region', { name: 'Engine here' })).not.toContainText(name);
    await expect(page.getByRole('region', { name: 'Engine gone' })).toContainText('unreachable');
    await page.getByRole('button', { name: 'Graph view' }).click();

    // Selected on the map, it opens its panel, and its actions act on v26 with the docker line that says so.
    await map.clickNode(`v26/net:${id}`);
    await expect(map.inspectPanel).toHaveAttribute('data-selected', `net:${id}`);
    await expect(map.inspectPanel.getByRole('heading', { name })).toBeVisible();
    await map.inspectPanel.getByRole('button', { name: 'Remove network…' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm.getByTestId('command-preview')).toContainText(`docker -H ${V26} network rm ${name}`);
    await confirm.getByRole('button', { name: 'Remove network' }).click();
    await expect(page.getByTestId('action-command')).toContainText(`docker -H ${V26} network rm ${name}`);
    await map.expectElement(`v26/net:${id}`, false);
    await expect(docker(['network', 'inspect', name], { ...process.env, DOCKER_HOST: V26 })).rejects.toThrow();
  } finally {
    await docker(['network', 'rm', name], { ...process.env, DOCKER_HOST: V26 }).catch(() => undefined);
  }
});

test.describe('two engines, one of them stopped', () => {
  // "lab" is the system's engine reached through a socket this test holds: closing it stops that engine for Portolan,
  // as a daemon that stops would, while the engines others share keep running.
  const lab = new SocketProxy(`/tmp/ptl-lab-${sidePort(8)}.sock`, '/var/run/docker.sock');
  test.beforeAll(() => lab.open());
  test.afterAll(() => lab.close());
  const side = extraPortolan(sidePort(8), { PORTOLAN_ENGINES: `v26=${V26},lab=${lab.endpoint}` }, 200);

  test('a stopped engine’s group turns unreachable while the other keeps working, and its picture comes back when it does', async ({
    map,
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const labEnv = { ...process.env, DOCKER_HOST: lab.endpoint };
    const v26Env = { ...process.env, DOCKER_HOST: V26 };
    const labBridge = await bridgeId(labEnv);
    await page.goto(`${side.url}/?engines=all`);
    await map.expectElement(`lab/net:${labBridge}`);
    await expect.poll(async () => (await groups(map)).lab?.status).toBe('connected');

    await lab.close();
    // Said in words on its group, and nothing of it drawn any more.
    await expect.poll(async () => (await groups(map)).lab?.status, { timeout: 20_000 }).toMatch(/^(reconnecting|unreachable)$/);
    const down = await groups(map);
    expect(down.lab!.label).toMatch(/\n(reconnecting|unreachable)/);
    expect(down.lab!.holds).toBe(0);
    await map.expectElement(`lab/net:${labBridge}`, false);
    await map.still();
    await page.getByRole('button', { name: 'Fit' }).click();
    await map.still();
    await page.screenshot({ path: testInfo.outputPath('lab-stopped-1280x720.png') });
    // The other engine is still drawn, and still live: a network made on it now appears in its group.
    expect(down.v26).toMatchObject({ status: 'connected' });
    expect(down.v26!.holds).toBeGreaterThan(0);
    const objects = new TestObjects('e2e-lab', v26Env);
    const net = objects.name('while-lab-down');
    try {
      const id = await objects.docker(['network', 'create', net]);
      await map.expectElement(`net:${id}`);
      expect((await map.node(`net:${id}`))?.data.engine).toBe('v26');

      // Back: its group is connected again and holds its picture, without a reload.
      await lab.open();
      await expect.poll(async () => (await groups(map)).lab?.status, { timeout: 20_000 }).toBe('connected');
      await map.expectElement(`lab/net:${labBridge}`);
      expect((await groups(map)).lab!.holds).toBeGreaterThan(0);
      expect((await groups(map)).lab!.label).toMatch(/^lab · Docker 20\.10[^\n]*\nconnected$/);
    } finally {
      await objects.docker(['network', 'rm', net]).catch(() => undefined);
    }
  });
});
