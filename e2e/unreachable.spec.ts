import { expect, extraPortolan, sidePort, test } from './fixtures';

// A second Portolan, from the same build, pointed at an engine that does not exist.
const MISSING = '/tmp/portolan-e2e-no-engine.sock';
const { url } = extraPortolan(sidePort(4), { DOCKER_HOST: `unix://${MISSING}` }, 503);

test('with no engine the page still opens, names the endpoint it tried and how to fix it', async ({ page }) => {
  await page.goto(`${url}/`);
  const status = page.getByTestId('engine-status');
  await expect(status).toHaveAttribute('data-status', 'unreachable');
  await expect(status).toContainText('Engine unreachable');
  await expect(status).toContainText(`unix://${MISSING}`);
  await expect(status).toContainText('Start it');
  await page.screenshot({ path: 'test-results/screenshots/unreachable.png', fullPage: true });
});
