import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortolanApi } from '../../scripts/testkit/api';
import { TEST_IMAGE, docker } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';
import type { ImageSummary } from '../../lib/images';

let portolan: Portolan;

beforeAll(async () => {
  portolan = await startTestPortolan();
});

afterAll(async () => {
  await portolan?.close();
});

it('lists the test image with the size the Engine reports and no registry, as it was built here', async () => {
  const { status, body } = await new PortolanApi(portolan.url).get<{ images: ImageSummary[] }>('/api/images');

  expect(status).toBe(200);
  const image = body.images.find((i) => i.tags.includes(TEST_IMAGE));
  expect(image).toMatchObject({
    id: await docker(['image', 'inspect', '-f', '{{.Id}}', TEST_IMAGE]),
    size: Number(await docker(['image', 'inspect', '-f', '{{.Size}}', TEST_IMAGE])),
    registry: 'local only',
    createdAt: new Date(await docker(['image', 'inspect', '-f', '{{.Created}}', TEST_IMAGE])).toISOString().replace(/\.\d+Z$/, '.000Z'),
  });
});
