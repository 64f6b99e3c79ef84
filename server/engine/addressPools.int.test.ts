import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortolanApi, type ErrorAnswer } from '../../scripts/testkit/api';
import { docker } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { SecondEngine } from '../../scripts/testkit/secondEngine';
import type { Portolan } from '../index';

// Using up the default address pools would starve every other user of the shared
// engine: this runs against a daemon of the test's own whose pools hold two /24s.
const POOL = '10.231.0.0/23';
const engine = new SecondEngine(['--default-address-pool', `base=${POOL},size=24`]);
let portolan: Portolan;
let api: PortolanApi;

beforeAll(async () => {
  await engine.start();
  portolan = await startTestPortolan(engine.env);
  api = new PortolanApi(portolan.url);
  await portolan.store.settled();
}, 60_000);

afterAll(async () => {
  await portolan?.close();
  await engine.destroy();
});

const networkNames = async () => (await docker(['network', 'ls', '--format', '{{.Name}}'], engine.env)).split('\n').filter(Boolean).sort();
const subnetOf = (name: string) => docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}}{{end}}', name], engine.env);

/** The Engine's words for "no pool left": Docker 20.10's, then those of newer Engines (new IPAM allocator). */
const EXHAUSTED =
  /^(could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network|all predefined address pools have been fully subnetted)$/;
const inPool = (subnet: string) => /^10\.231\.[01]\.0\/24$/.test(subnet);

it('default address pools exhausted gives a hint to give a subnet', async () => {
  // Two /24s; the default bridge takes one when no docker0 exists to adopt, as in the test's own namespace.
  const room = inPool(await subnetOf('bridge')) ? 1 : 2;
  const created: string[] = [];
  let refused: { name: string; answer: ErrorAnswer } | undefined;
  for (let i = 1; i <= 3 && !refused; i++) {
    const name = `pooled-${i}`;
    const answer = (await api.post('/api/networks', { name })) as ErrorAnswer;
    if (answer.status === 201) created.push(name);
    else refused = { name, answer };
  }

  expect(refused, `created ${created.join(', ')} without a refusal`).toBeDefined();
  expect(created).toHaveLength(room);
  for (const name of created) expect(inPool(await subnetOf(name))).toBe(true);
  const { name, answer } = refused!;
  const { error } = answer.body;
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(error.engine?.status).toBe(answer.status);
  expect(error.engine?.message).toMatch(EXHAUSTED);
  expect(error.message).toBe(error.engine?.message);
  expect(error.hint).toMatch(
    /^The Engine's default address pools are used up\. Give a subnet yourself, e\.g\. \S+\/24, or remove unused networks \(prune\)\.$/,
  );
  expect(await networkNames()).toEqual(['bridge', 'host', 'none', ...created].sort());

  // The hint is one to act on: the subnet it names is free.
  const example = /e\.g\. (\S+\/24),/.exec(error.hint!)![1]!;
  const retried = await api.post('/api/networks', { name, subnet: example });
  expect(retried.status).toBe(201);
  expect(await subnetOf(name)).toBe(example);
});
