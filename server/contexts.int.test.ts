import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../lib/apiError';
import type { DockerContext, EngineSummary, TopologySnapshot } from '../lib/topology';
import { PortolanApi } from '../scripts/testkit/api';
import { docker, waitFor } from '../scripts/testkit/docker';
import { Feed } from '../scripts/testkit/feed';
import { startTestPortolan } from '../scripts/testkit/portolan';
import type { Portolan } from './index';

/**
 * The docker CLI's contexts offered by name: GET /api/engines lists them, POST /api/engines `{ context }` watches
 * one from then on. The contexts live in a DOCKER_CONFIG folder of the test's own; one points at the engine beside
 * the test engine (OTHER), one is named as an engine Portolan watches already.
 */
const V26 = 'unix:///run/portolan-engines/26.1/docker.sock';
const local = process.env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
/** The engine the contexts point at: Docker 26.1 beside the test engine, or, when the suite runs on 26.1, the 20.10 one. */
const OTHER = local === V26 ? 'unix:///var/run/docker.sock' : V26;
const config = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cx-config-'));
const userEnv: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: config };
delete userEnv.DOCKER_HOST;
delete userEnv.DOCKER_CONTEXT;
const engineEnv: NodeJS.ProcessEnv = { ...userEnv, PORTOLAN_ENGINES: `here=${local}` };
const net = `ptl-cx-on-v26-${process.pid}`;
let portolan: Portolan;
let readOnly: Portolan;
let api: PortolanApi;
let feed: Feed;

beforeAll(async () => {
  await docker(['context', 'create', 'ptl-cx-v26', '--docker', `host=${OTHER}`, '--description', 'the engine beside the test engine'], userEnv);
  await docker(['context', 'create', 'here', '--docker', `host=${local}`], userEnv);
  [portolan, readOnly] = await Promise.all([startTestPortolan(engineEnv), startTestPortolan(engineEnv, { PORTOLAN_READ_ONLY: '1' })]);
  api = new PortolanApi(portolan.url);
  feed = new Feed(portolan.url, portolan.url, { engines: 'all' });
  await feed.ready();
});

afterAll(async () => {
  feed?.close();
  await Promise.all([portolan?.close(), readOnly?.close()]);
  await docker(['network', 'rm', net], { ...userEnv, DOCKER_HOST: OTHER }).catch(() => undefined);
  fs.rmSync(config, { recursive: true, force: true });
});

type Engines = { engines: EngineSummary[]; contexts: DockerContext[] };
const listed = async () => (await api.get<Engines>('/api/engines')).body;

describe('GET /api/engines', () => {
  it("lists the docker CLI's contexts by name, as `docker context ls` does, each with its endpoint, description and whether it is watched", async () => {
    const { contexts } = await listed();
    expect(contexts).toEqual([
      {
        name: 'default',
        endpoint: 'unix:///var/run/docker.sock',
        description: 'Current DOCKER_HOST based configuration',
        watched: false,
        command: 'docker context inspect default',
      },
      { name: 'here', endpoint: local, description: '', watched: false, command: 'docker context inspect here' },
      {
        name: 'ptl-cx-v26',
        endpoint: OTHER,
        description: 'the engine beside the test engine',
        watched: false,
        command: 'docker context inspect ptl-cx-v26',
      },
    ]);
    // The same names the CLI lists.
    const names = (await docker(['context', 'ls', '--format', '{{.Name}}'], userEnv)).split('\n').map((n) => n.replace(/ \*$/, ''));
    expect(contexts.map((c) => c.name).sort()).toEqual(names.sort());
  });
});

describe('POST /api/engines', () => {
  it('refuses anything but the name of a listed context, and changes nothing', async () => {
    const refusals: [unknown, number, string][] = [
      [{ context: 'ptl-cx-nope' }, 404, 'unknown_context'],
      // Never an endpoint from the browser: that would point Portolan's root socket at anything.
      [{ endpoint: 'tcp://10.0.0.5:2375' }, 400, 'invalid_body'],
      [{ context: 'ptl-cx-v26', endpoint: 'tcp://10.0.0.5:2375' }, 400, 'invalid_body'],
      [{ context: '../ptl-cx-v26' }, 400, 'invalid_body'],
      // Its name is an engine Portolan watches already, at another endpoint's name.
      [{ context: 'here' }, 409, 'engine_name_taken'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await api.post<ApiErrorBody>('/api/engines', body);
      expect([answer.status, answer.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const unknown = await api.post<ApiErrorBody>('/api/engines', { context: 'ptl-cx-nope' });
    expect(unknown.body.error.message).toBe('There is no docker context named "ptl-cx-nope", so nothing changed.');
    expect(unknown.body.error.hint).toBe('`docker context ls` lists "default", "here", "ptl-cx-v26"; make another with `docker context create`.');
    expect((await listed()).engines.map((e) => e.name)).toEqual(['here']);
  });

  it('goes through the security gate: refused when read-only, and without the page’s Origin', async () => {
    const readOnlyAnswer = await new PortolanApi(readOnly.url).post<ApiErrorBody>('/api/engines', { context: 'ptl-cx-v26' });
    expect([readOnlyAnswer.status, readOnlyAnswer.body.error.code]).toEqual([403, 'read_only']);
    const foreign = await api.send<ApiErrorBody>('POST', '/api/engines', { context: 'ptl-cx-v26' }, { Origin: 'http://evil.example' });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'origin_not_allowed']);
    expect((await new PortolanApi(readOnly.url).get<Engines>('/api/engines')).body.engines.map((e) => e.name)).toEqual(['here']);
    expect((await listed()).engines.map((e) => e.name)).toEqual(['here']);
  });

  it('watches a listed context from then on: every viewer hears of it, it has its own picture, and its actions answer `docker --context NAME …`', async () => {
    const made = await api.post<{ engine: EngineSummary; command: string }>('/api/engines', { context: 'ptl-cx-v26' });
    expect(made.status).toBe(201);
    expect(made.body.command).toBe('docker --context ptl-cx-v26 events');
    expect(made.body.engine).toMatchObject({ name: 'ptl-cx-v26', endpoint: OTHER, dockerFlags: ['--context', 'ptl-cx-v26'] });

    await waitFor(
      'the viewer told of the new engine, connected',
      () => feed.engines?.find((e) => e.name === 'ptl-cx-v26')?.status === 'connected',
      15_000,
    );
    const { engines, contexts } = await listed();
    expect(engines.map((e) => [e.name, e.status])).toEqual([
      ['here', 'connected'],
      ['ptl-cx-v26', 'connected'],
    ]);
    expect(engines[1]!.version).toBe(await docker(['version', '--format', '{{.Server.Version}}'], { ...userEnv, DOCKER_HOST: OTHER }));
    expect(contexts.find((c) => c.name === 'ptl-cx-v26')?.watched).toBe(true);

    const picture = await api.get<TopologySnapshot>('/api/topology?engine=ptl-cx-v26');
    expect(picture.body.engine).toBe('ptl-cx-v26');
    expect(picture.body.topology.engine.id).toBe(await docker(['info', '--format', '{{.ID}}'], { ...userEnv, DOCKER_HOST: OTHER }));
    const created = await api.post<{ command: string }>('/api/networks?engine=ptl-cx-v26', { name: net });
    expect(created.status).toBe(201);
    expect(created.body.command).toBe(`docker --context ptl-cx-v26 network create --driver bridge ${net}`);
    expect(await docker(['--context', 'ptl-cx-v26', 'network', 'inspect', '-f', '{{.Name}}', net], userEnv)).toBe(net);
    await expect(docker(['network', 'inspect', net])).rejects.toThrow();
    // The new engine's changes reach the viewers of every engine.
    await waitFor(
      'the network on the new engine’s picture',
      () => feed.snapshots.get('ptl-cx-v26')?.topology.networks.some((n) => n.name === net),
      15_000,
    );

    // Asked again, it is the same engine: nothing added.
    const again = await api.post<{ unchanged?: boolean; engine: EngineSummary }>('/api/engines', { context: 'ptl-cx-v26' });
    expect([again.status, again.body.unchanged, again.body.engine.name]).toEqual([200, true, 'ptl-cx-v26']);
    expect((await listed()).engines).toHaveLength(2);
  });
});
