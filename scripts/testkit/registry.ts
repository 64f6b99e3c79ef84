import { TEST_IMAGE, waitFor, type TestObjects } from './docker';

/** The private registry the test host builds from Debian's docker-registry (scripts/test-host.sh). */
export const REGISTRY_IMAGE = process.env.PORTOLAN_REGISTRY_IMAGE ?? 'portolan/registry:test';

/**
 * Runs a registry for one test file, as the course does but on a loopback port
 * of the Engine's choosing (Docker trusts loopback registries without TLS).
 * Answers its host, `127.0.0.1:PORT`, once it serves the registry API.
 */
export async function startRegistry(objects: TestObjects, suffix = 'registry'): Promise<string> {
  const name = objects.name(suffix);
  await objects.docker(['run', '-d', '--name', name, '-p', '127.0.0.1::5000', REGISTRY_IMAGE]);
  const host = (await objects.docker(['port', name, '5000/tcp'])).split('\n')[0]!;
  await registryAnswers(host);
  return host;
}

/** Waits until the registry at `host` (`127.0.0.1:PORT`) serves its API: it takes a moment to listen after `docker run`. */
export async function registryAnswers(host: string): Promise<void> {
  await waitFor(
    `the registry at ${host} to answer`,
    () =>
      fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      ),
    10_000,
    100,
  );
}

/**
 * An image of the test's own on the test image, so pushing it gives digests to nothing shared; with `megabytes`
 * of random data, a pull of it lasts long enough to cancel.
 */
export async function imageOfOurOwn(objects: TestObjects, reference: string, megabytes = 0): Promise<string> {
  const builder = objects.name('image-builder');
  const write = megabytes ? `dd if=/dev/urandom of=/bulk bs=1000000 count=${megabytes} 2>/dev/null` : `echo ${reference} >/made-for`;
  await objects.docker(['run', '--name', builder, TEST_IMAGE, 'sh', '-c', write]);
  const id = await objects.docker(['commit', builder, reference]);
  await objects.docker(['rm', '-v', builder]);
  return id;
}
