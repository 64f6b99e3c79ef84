import type { ApiErrorBody } from '../../lib/apiError';
import { withEngine } from '../live/engineParam';

/** What every successful mutation answers: the docker line it equals, and whatever else the operation returns. */
export type Done = { command: string } & Record<string, unknown>;

/** A refused action, with the server's message, its hint and the Engine's own words. */
export class ActionError extends Error {
  constructor(readonly detail: ApiErrorBody['error']) {
    super(detail.message);
    this.name = 'ActionError';
  }
}

/** Calls Portolan's API the way the security gate expects: same origin, JSON. */
export async function mutate<T extends Done = Done>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withEngine(path), {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ActionError({ code: 'offline', message: 'The Portolan server did not answer.', hint: err instanceof Error ? err.message : undefined });
  }
  const json = (await res.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
  if (!res.ok || !json) throw new ActionError(json?.error ?? { code: 'http_' + res.status, message: `The server answered ${res.status}.` });
  return json;
}

export async function fetchJson<T>(path: string): Promise<T> {
  const res = await fetch(withEngine(path));
  const json = (await res.json()) as T & Partial<ApiErrorBody>;
  if (!res.ok) throw new ActionError(json.error ?? { code: 'http_' + res.status, message: `The server answered ${res.status}.` });
  return json;
}
