import { ApiError } from '../../lib/apiError';
import { commandWords, containerCommand, runCommand } from '../../lib/dockerCommand';
import { withLessonLabel } from '../../lib/lessons/label';
import type { PortBindingInput, Run } from '../../lib/schemas';
import { findByRef, type PortBinding, type Topology } from '../../lib/topology';
import type { Engine } from './engine';
import { engineError } from './errors';
import { transferImage } from './imageTransfer';
import { refuseSharedNamespace, type Done } from './networkActions';

// Container mutations. Portolan creates containers without privileges, host
// mounts, added capabilities or devices: the body cannot ask for them.

export function portBindings(ports: readonly PortBindingInput[]) {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: String(p.hostPort) });
  }
  return { exposed, bindings };
}

/**
 * Who holds one of the host ports asked for, for the hint when a binding is
 * refused. Read from the request and the picture, not from the refusal, whose
 * wording differs by version: "Bind for 0.0.0.0:8080 failed: port is already
 * allocated" through 26, "failed to bind host port for 0.0.0.0:8080:…: address
 * already in use" in 28.
 */
function holderOf(topology: Topology, asked: readonly Pick<PortBinding, 'hostPort' | 'protocol'>[]): string {
  for (const a of asked) {
    const holder = topology.containers.find((c) => c.ports.some((p) => a.hostPort > 0 && p.hostPort === a.hostPort && p.protocol === a.protocol));
    if (holder) return ` ${holder.name} publishes ${a.hostPort} already.`;
  }
  return '';
}

/** Both wordings are the Engine's in every version from 20.10 to 28 (read in moby's sources at each release). */
export const portHint =
  (topology: Topology, asked: readonly Pick<PortBinding, 'hostPort' | 'protocol'>[] = []) =>
  (message: string) =>
    /port is already allocated|address already in use/i.test(message) ? `Choose another host port.${holderOf(topology, asked)}` : undefined;

export async function runContainer(engine: Engine, topology: Topology, body: Run): Promise<Done> {
  if (body.network) await refuseSharedNamespace(engine, body.network);
  const { exposed, bindings } = portBindings(body.ports ?? []);
  const hasImage = await engine.inspectImage(body.image).then(
    () => true,
    () => false,
  );
  if (!hasImage) {
    if (!body.pull)
      throw new ApiError(
        404,
        'no_such_image',
        `No such image on this engine: ${body.image}.`,
        'Pick one of the local images, or ask to pull it from its registry.',
        { status: 404, message: `No such image: ${body.image}` },
      );
    await transferImage(engine, 'pull', body.image);
  }
  let created: string | null = null;
  try {
    created = await engine.createContainer({
      Image: body.image,
      ...(body.name ? { name: body.name } : {}),
      ...(body.command !== undefined ? { Cmd: commandWords(body.command) } : {}),
      ...(body.user ? { User: body.user } : {}),
      Env: Object.entries(body.env ?? {}).map(([k, v]) => `${k}=${v}`),
      Labels: withLessonLabel(undefined, body.lesson),
      ExposedPorts: exposed,
      HostConfig: {
        NetworkMode: body.network ?? 'bridge',
        PortBindings: bindings,
        Privileged: false,
        PublishAllPorts: false,
      },
    });
    await engine.startContainer(created);
    return { command: runCommand(body), id: created };
  } catch (err) {
    // Nothing half-done: a container that was created but could not start goes again.
    if (created) await engine.removeContainer(created).catch(() => undefined);
    throw engineError(err, engine.endpoint, (message, status) => {
      if (status === 409 || /already in use by container/.test(message))
        return `Choose another name, or remove the container called ${body.name ?? 'that'} first.`;
      if (/network .* not found/i.test(message)) return 'Pick one of the networks on the map, or create it first.';
      if (/unable to find user|no matching entries in passwd/i.test(message))
        return `The image has no user "${body.user}": give a numeric id like 1000.`;
      if (/executable file not found|no such file or directory/i.test(message))
        return 'The command does not exist in this image: check its first word.';
      return portHint(topology, body.ports)(message);
    });
  }
}

export type ContainerVerb = 'start' | 'stop' | 'restart' | 'remove';

/** What "already done" sounds like for each verb that can find its work done by someone else. */
const ALREADY: Partial<Record<ContainerVerb, string>> = { start: 'already running', stop: 'already stopped' };

/**
 * True when the Engine says the container is already where the verb would put
 * it: a 304, or, when two stops race, the 500 "is not running" of the second.
 */
export function alreadyDone(err: unknown, verb: ContainerVerb): boolean {
  const e = err as { statusCode?: number; message?: string; json?: { message?: string } | null };
  if (!ALREADY[verb]) return false;
  if (e.statusCode === 304) return true;
  const message = typeof e.json?.message === 'string' ? e.json.message : (e.message ?? '');
  return verb === 'stop' && e.statusCode === 500 && /is not running/.test(message);
}

export async function containerVerb(engine: Engine, ref: string, verb: ContainerVerb, topology: Topology): Promise<Done> {
  const command = containerCommand(verb === 'remove' ? 'rm' : verb, findByRef(topology.containers, ref)?.name ?? ref);
  try {
    if (verb === 'remove') await engine.removeContainer(ref, { volumes: true });
    else if (verb === 'stop') await engine.stopContainer(ref, 5);
    else if (verb === 'restart') await engine.restartContainer(ref, 5);
    else await engine.startContainer(ref);
    return { command };
  } catch (err) {
    // Starting a running container or stopping a stopped one is not a failure: it is already done.
    if (alreadyDone(err, verb)) return { command, unchanged: true, message: ALREADY[verb] };
    throw engineError(err, engine.endpoint, (message, status) =>
      status === 404 ? 'It may have been removed already; the map shows what exists.' : portHint(topology)(message),
    );
  }
}
