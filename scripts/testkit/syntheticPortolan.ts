/**
 * Portolan serving a made-up picture instead of an Engine's, for end-to-end tests of what no test engine can be (a
 * three-node swarm): `PORT=3292 node --import tsx scripts/testkit/syntheticPortolan.ts`. It serves the synthetic
 * swarm (syntheticSwarm.ts); each line on standard input is a JSON array of patch ops, applied as the Engine's events
 * would be, and answered on standard output with `applied <revision>`; the line `reset` brings the picture back to
how it began and lays it out afresh. No Engine is ever asked anything. SIGTERM stops it.
 */
import { createInterface } from 'node:readline';
import { diffTopology } from '../../lib/patch';
import type { PatchOp } from '../../lib/topology';
import { loadConfig } from '../../server/config';
import { startPortolan } from '../../server/index';
import { SyntheticStore } from '../bench/synthetic';
import { swarmPicture } from './syntheticSwarm';

const portolan = await startPortolan({
  config: loadConfig({ ...process.env, NODE_ENV: 'production' }),
  // An address where no Engine can answer: nothing here may reach Docker.
  engineEnv: { DOCKER_HOST: 'unix:///nonexistent/portolan-synthetic.sock' },
  store: (engine) => new SyntheticStore(engine, swarmPicture()),
});
console.log(`listening ${portolan.url}`);

// Standard input may end (a shell's /dev/null) while the server keeps serving; a signal stops it.
createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  try {
    const store = portolan.store as SyntheticStore;
    if (line.trim() === 'reset') {
      store.apply(diffTopology(store.snapshot().topology, swarmPicture()));
      console.log(`applied ${store.relayout().to}`);
      return;
    }
    const patch = store.apply(JSON.parse(line) as PatchOp[]);
    console.log(`applied ${patch.to}`);
  } catch (err) {
    console.log(`refused ${err instanceof Error ? err.message : String(err)}`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void portolan.close().then(() => process.exit(0)));
