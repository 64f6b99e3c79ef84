import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestObjects, docker, waitFor } from '../../scripts/testkit/docker';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';

// Docker 20.10 leaves the default bridge's gateway out of its IPAM config; every endpoint on it carries it.

let portolan: Portolan;
let feed: Feed;
const objects = new TestObjects('gateway');

beforeAll(async () => {
  portolan = await startTestPortolan();
  await portolan.store.settled();
  feed = new Feed(portolan.url);
  await feed.ready();
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await objects.cleanup();
});

it('the default bridge shows its gateway, from its IPAM or else from a container on it, and says where it came from', async () => {
  const name = await objects.sleeper('on-bridge');
  const expected = await docker(['inspect', '-f', '{{.NetworkSettings.Networks.bridge.Gateway}}', name]);
  const ipam = await docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', 'bridge']);
  const bridgeOf = () => feed.snapshot?.topology.networks.find((n) => n.name === 'bridge');
  const subnet = await waitFor('the bridge gateway in the live picture', () => bridgeOf()?.subnets.find((s) => s.gateway), 3000);
  expect(subnet.gateway).toBe(expected);
  expect(subnet.gatewayFrom).toBe(ipam ? undefined : 'endpoints');
  // The server's own picture and the feed agree.
  expect(portolan.store.snapshot().topology.networks.find((n) => n.name === 'bridge')).toEqual(bridgeOf());
});
