// A Portolan server in a process of its own, for tests that need one: the API and the live feed, no pages.
import { loadConfig } from '../../server/config';
import { closeOnSignals, startPortolan } from '../../server/index';

const portolan = await startPortolan({ config: loadConfig(), pages: false });
process.stdout.write(`listening ${portolan.url}\n`);
closeOnSignals(portolan);
