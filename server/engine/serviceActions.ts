import { ApiError } from '../../lib/apiError';
import { serviceScaleCommand, servicePublishCommand, serviceUnpublishCommand } from '../../lib/dockerCommand';
import type { ServicePublish, ServiceScale, ServiceUnpublish } from '../../lib/schemas';
import type { Engine } from './engine';
import { engineError } from './errors';
import type { Done } from './networkActions';

// Swarm service changes, each the `docker service …` line it equals. A service is updated in place (its spec at the
// version read), never recreated: the routing mesh and the tasks' addresses stay.

interface PortConfig {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

interface ServiceDoc {
  ID: string;
  Version: { Index: number };
  Spec: {
    Name: string;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    EndpointSpec?: { Mode?: string; Ports?: PortConfig[] };
  } & Record<string, unknown>;
}

/** What the Engine says when it is no manager, in 20.10's and 26.1's words alike; the hint says what to do. */
const swarmHint = (message: string) =>
  /not a swarm manager|swarm mode/i.test(message)
    ? 'Service changes go to a swarm manager: run `docker swarm init` on this engine, or point Portolan at a manager.'
    : /update out of sequence/i.test(message)
      ? 'The service changed while Portolan was changing it: try again.'
      : /already in use by service|duplicate published ports/i.test(message)
        ? 'The routing mesh gives a published port to one mapping of one service: choose another published port, or leave it empty for the swarm to pick one (`docker service ls` shows who holds it).'
        : undefined;

async function readService(engine: Engine, ref: string): Promise<ServiceDoc> {
  try {
    return (await engine.inspectService(ref)) as ServiceDoc;
  } catch (err) {
    throw engineError(err, engine.endpoint, (message, status) =>
      status === 404 ? `No service is called "${ref}" on this swarm: \`docker service ls\` lists them.` : swarmHint(message),
    );
  }
}

async function writeService(engine: Engine, service: ServiceDoc, spec: ServiceDoc['Spec']): Promise<void> {
  try {
    await engine.updateService(service.ID, service.Version.Index, spec);
  } catch (err) {
    throw engineError(err, engine.endpoint, swarmHint);
  }
}

/** `docker service scale NAME=N`: replicated services only; a global one runs one task per node by definition. */
export async function scaleService(engine: Engine, ref: string, { replicas }: ServiceScale): Promise<Done> {
  const service = await readService(engine, ref);
  const name = service.Spec.Name;
  const command = serviceScaleCommand(name, replicas);
  if (!service.Spec.Mode?.Replicated) {
    throw new ApiError(
      400,
      'global_service',
      `${name} is a global service: it runs one task on every node, so it cannot be scaled, and nothing changed.`,
      'Add or drain nodes to change where it runs, or make a replicated service (`docker service create --replicas N`).',
    );
  }
  if (service.Spec.Mode.Replicated.Replicas === replicas) return { command, unchanged: true, message: `already ${replicas}` };
  await writeService(engine, service, { ...service.Spec, Mode: { Replicated: { Replicas: replicas } } });
  return { command, id: service.ID };
}

/** `docker service update --publish-add …`: one more published port, in ingress (the routing mesh) or host mode. */
export async function publishServicePort(engine: Engine, ref: string, body: ServicePublish): Promise<Done> {
  const service = await readService(engine, ref);
  const name = service.Spec.Name;
  const command = servicePublishCommand(name, body);
  const ports = service.Spec.EndpointSpec?.Ports ?? [];
  const same = ports.find((p) => p.TargetPort === body.targetPort && (p.Protocol ?? 'tcp') === body.protocol);
  if (same && same.PublishedPort === body.publishedPort && (same.PublishMode ?? 'ingress') === body.publishMode)
    return { command, unchanged: true, message: `already published on ${body.publishedPort}` };
  const port: PortConfig = {
    Protocol: body.protocol,
    TargetPort: body.targetPort,
    PublishMode: body.publishMode,
    ...(body.publishedPort ? { PublishedPort: body.publishedPort } : {}),
  };
  // As the CLI does: a new mapping of the same target and protocol replaces the old one.
  const next = [...ports.filter((p) => p !== same), port];
  await writeService(engine, service, { ...service.Spec, EndpointSpec: { ...service.Spec.EndpointSpec, Ports: next } });
  return { command, id: service.ID };
}

/** `docker service update --publish-rm TARGET[/PROTOCOL]`: the CLI names a port to remove by its target port. */
export async function unpublishServicePort(engine: Engine, ref: string, body: ServiceUnpublish): Promise<Done> {
  const service = await readService(engine, ref);
  const name = service.Spec.Name;
  const command = serviceUnpublishCommand(name, body);
  const ports = service.Spec.EndpointSpec?.Ports ?? [];
  const next = ports.filter((p) => !(p.TargetPort === body.targetPort && (p.Protocol ?? 'tcp') === body.protocol));
  if (next.length === ports.length) return { command, unchanged: true, message: `${body.targetPort}/${body.protocol} is not published` };
  await writeService(engine, service, { ...service.Spec, EndpointSpec: { ...service.Spec.EndpointSpec, Ports: next } });
  return { command, id: service.ID };
}
