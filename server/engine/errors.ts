import { ApiError } from '../../lib/apiError';
import { SshDialError } from './sshDial';

interface DockerodeError extends Error {
  statusCode?: number;
  json?: { message?: string } | null;
  reason?: string;
  code?: string;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'ESSH']);

/** Node's names for a TLS handshake that failed: the Engine answered, but one side did not trust the other. */
const TLS_FAILURE = /^(ERR_SSL_|ERR_TLS_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|CERT_)/;

/** True when the failure says the Engine could not be reached at all, rather than that it said no. */
export function isUnreachable(err: unknown): boolean {
  const code = (err as DockerodeError | undefined)?.code;
  return typeof code === 'string' && (UNREACHABLE_CODES.has(code) || TLS_FAILURE.test(code));
}

/** How to reach the Engine again, in words a person can act on. */
export function unreachableHint(endpoint: string, err: unknown): string {
  if (err instanceof SshDialError) return `${err.message} ${err.hint}`;
  const code = (err as DockerodeError | undefined)?.code;
  if (code && TLS_FAILURE.test(code))
    return `TLS with ${endpoint} failed: ${(err as Error).message} (${code}). Check that the ca.pem in use signed the engine's certificate, for this address, and that the engine trusts your cert.pem.`;
  if (code === 'EACCES')
    return (
      `Permission denied on ${endpoint}: run Portolan as a user in the docker group, or point DOCKER_HOST at an engine you may use. ` +
      "In Portolan's container, give it the socket's group: DOCKER_GID=$(stat -c %g /var/run/docker.sock) docker compose up -d, or docker run --group-add with that id."
    );
  if (endpoint.startsWith('unix://'))
    return (
      `No Docker Engine answers on ${endpoint}. Start it (sudo systemctl start docker, or run dockerd), or set DOCKER_HOST to the engine you want. ` +
      'In a container, mount the socket: -v /var/run/docker.sock:/var/run/docker.sock, as compose.yaml does.'
    );
  return `No Docker Engine answers on ${endpoint}. Check that it is running and reachable, and that DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are right.`;
}

/** Maps any dockerode failure to the API's error shape, keeping the Engine's status and exact words. */
export function toApiError(err: unknown, endpoint: string): ApiError {
  if (err instanceof ApiError) return err;
  const e = (err ?? {}) as DockerodeError;
  if (err instanceof SshDialError)
    return new ApiError(503, 'engine_unreachable', `The Docker Engine at ${endpoint} cannot be reached. ${err.message}`, err.hint);
  if (isUnreachable(e)) {
    return new ApiError(503, 'engine_unreachable', `The Docker Engine at ${endpoint} cannot be reached (${e.code}).`, unreachableHint(endpoint, e));
  }
  if (typeof e.statusCode === 'number') {
    const message = engineMessage(e);
    const status = e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 502;
    return new ApiError(status, codeFor(e.statusCode), message, undefined, { status: e.statusCode, message });
  }
  return new ApiError(500, 'internal', e.message || 'Unexpected failure while talking to the Docker Engine.');
}

/**
 * toApiError with a hint that depends on what was being done: `hint` reads the
 * Engine's own message and status and may say what to do next.
 */
export function engineError(err: unknown, endpoint: string, hint?: (message: string, status: number) => string | undefined): ApiError {
  const mapped = toApiError(err, endpoint);
  if (!hint || !mapped.engine) return mapped;
  const extra = hint(mapped.engine.message, mapped.engine.status);
  return extra ? new ApiError(mapped.status, mapped.code, mapped.message, extra, mapped.engine) : mapped;
}

function engineMessage(e: DockerodeError): string {
  if (e.json && typeof e.json.message === 'string') return e.json.message;
  // dockerode puts the raw body after "(HTTP code N) <reason> - "
  const m = /-\s(.*)$/s.exec(e.message);
  // A body-less answer (a 304) leaves nothing after the dash: dockerode's reason says it in words.
  return (m?.[1]?.trim() || e.reason || e.message).trim();
}

function codeFor(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    default:
      return status >= 500 ? 'engine_error' : 'engine_refused';
  }
}
