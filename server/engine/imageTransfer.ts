import { applyLine, lineError, startTransfer, type ProgressLine, type TransferKind, type TransferState } from '../../lib/imageProgress';
import { DOCKER_HUB, registryName, registryOf } from '../../lib/imageReference';
import type { Engine } from './engine';
import { engineError } from './errors';

/** The cancel came from Portolan's own caller: the Engine's words would only say "aborted". */
export class TransferCancelled extends Error {
  constructor(kind: TransferKind, image: string) {
    super(`The ${kind} of ${image} was cancelled.`);
    this.name = 'TransferCancelled';
  }
}

/**
 * Pulls or pushes one image, calling `onState` with the progress folded from
 * every line the Engine streams. Aborting `signal` ends the request, and with
 * it the Engine's pull or push. Failures keep the Engine's words, with a hint.
 */
export async function transferImage(
  engine: Engine,
  kind: TransferKind,
  image: string,
  { signal, onState }: { signal?: AbortSignal; onState?: (state: TransferState) => void } = {},
): Promise<TransferState> {
  let state = startTransfer(kind);
  try {
    await new Promise<void>((resolve, reject) => {
      const onLine = (line: ProgressLine) => {
        const error = lineError(line);
        // The Engine's HTTP answer was 200 and the failure came in the stream: its status is read from its words.
        if (error) return reject(Object.assign(new Error(error), { statusCode: statusOf(error), json: { message: error } }));
        state = applyLine(state, line);
        onState?.(state);
      };
      engine.transferImage(kind, image, signal, (line) => onLine(line as ProgressLine)).then(resolve, reject);
      // Cancelled between two lines: the stream is destroyed without a word.
      signal?.addEventListener('abort', () => reject(new TransferCancelled(kind, image)), { once: true });
    });
    if (signal?.aborted) throw new TransferCancelled(kind, image);
    return state;
  } catch (err) {
    if (signal?.aborted) throw new TransferCancelled(kind, image);
    throw engineError(err, engine.endpoint, (message) => transferHint(kind, image, message));
  }
}

function statusOf(message: string): number {
  if (/manifest unknown|not found|does not exist|name unknown/i.test(message)) return 404;
  if (/unauthorized|authentication required|denied/i.test(message)) return 401;
  return 500;
}

/**
 * What to do next, read from the Engine's words, which vary by version
 * ("manifest for … not found: manifest unknown" in 20.10 and 26.1): only
 * their stable parts are matched.
 */
export function transferHint(kind: TransferKind, image: string, message: string): string | undefined {
  const host = registryOf(image);
  const where = registryName(host);
  if (/no such host|server misbehaving|name resolution|lookup .* on /i.test(message))
    return `The engine cannot find the host ${host}: check the registry's name, or the engine's DNS.`;
  if (/connection refused/i.test(message)) return `No registry answered for ${image}: ${startRegistry(host)}, or check the host and port.`;
  if (/server gave HTTP response to HTTPS client/i.test(message))
    return `${host} speaks plain HTTP: Docker allows that only on loopback (127.0.0.0/8) or for a registry listed in the daemon's insecure-registries.`;
  if (/unauthorized|authentication required|denied/i.test(message))
    return `${where} wants a login for ${image}, and Portolan sends no registry credentials: in a terminal, docker login${host === DOCKER_HUB ? '' : ` ${host}`}, then docker ${kind} ${image}.`;
  if (/does not exist locally|no such image/i.test(message))
    return `There is no local image ${image}: tag one for the registry first (docker tag SOURCE ${image}).`;
  if (/manifest unknown|not found|name unknown|does not exist/i.test(message))
    return `${where} has no ${image}: check the name and tag, or push it there first.`;
  if (/timeout|deadline exceeded/i.test(message)) return `${where} did not answer in time: check that it runs and that the engine can reach it.`;
  return kind === 'pull' ? `The pull from ${where} failed: the Engine's words above say why.` : undefined;
}

/** The course's own registry, on loopback where Docker trusts it without TLS. */
function startRegistry(host: string): string {
  const loopback = /^(127\.[0-9.]+|localhost):([0-9]+)$/.exec(host);
  return loopback ? `start it (docker run -d -p 127.0.0.1:${loopback[2]}:5000 --name registry registry:2)` : `start the registry at ${host}`;
}
