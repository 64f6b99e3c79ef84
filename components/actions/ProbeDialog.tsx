'use client';

import { useState } from 'react';
import { z } from 'zod';
import { probeCommand } from '../../lib/dockerCommand';
import { probeSchema, type Probe } from '../../lib/schemas';
import type { Container } from '../../lib/topology';
import { api, type ProbeAnswer } from '../api/client';
import { CommandPreview, Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { SelectField, TextField } from './fields';
import { useAction } from './useAction';
import { useRevealed } from './useRevealed';
import { reportBodyIssues, useSchemaForm } from './useSchemaForm';

/** The network two containers share, if any, and the target's address there. */
function route(from: Container, to: Container): { network: string; ip: string } | null {
  for (const e of from.endpoints) {
    const there = to.endpoints.find((t) => t.ipv4 && ((t.networkId && t.networkId === e.networkId) || t.networkName === e.networkName));
    if (there) return { network: there.networkName, ip: there.ipv4 };
  }
  return null;
}

/** The form as the person fills it: the port as typed. */
interface ProbeForm {
  /** null until the user picks: the first of the targets. */
  targetChoice: string | null;
  by: 'ip' | 'name';
  port: string;
}

/** The target picked, or the first one when the pick is not (or no longer) among them. */
const targetOf = (form: ProbeForm, targets: readonly string[]) => targets.find((t) => t === form.targetChoice) ?? targets[0] ?? '';

/** The body the form stands for: an empty port is a ping, anything but digits is no port. */
function probeBody(form: ProbeForm, targets: readonly string[]): Probe {
  const port = form.port.trim();
  return { target: targetOf(form, targets), by: form.by, ...(port ? { port: /^\d+$/.test(port) ? Number(port) : Number.NaN } : {}) };
}

const BODY_FIELDS = { target: 'targetChoice', by: 'by', port: 'port' };

/** The server's schema for the body, with whatever is wrong with the port said one way. */
const probeFormSchema = (targets: readonly string[]) =>
  z.custom<ProbeForm>().transform((form, ctx) => {
    const parsed = probeSchema.safeParse(probeBody(form, targets));
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, BODY_FIELDS, { port: 'a port from 1 to 65535, or empty for a ping' });
    return parsed.success ? parsed.data : z.NEVER;
  });

export function ProbeDialog({ request, topology, onClose }: DialogProps<Extract<DialogRequest, { kind: 'probe' }>>) {
  const from = topology.containers.find((c) => c.id === request.containerId || c.name === request.containerId);
  const name = from?.name ?? request.containerId;
  // Those it shares a network with first: the ones a learner expects to reach.
  const targets = topology.containers
    .filter((c) => c.id !== from?.id)
    .map((c) => ({ c, via: from ? route(from, c) : null }))
    .sort((a, b) => Number(Boolean(b.via)) - Number(Boolean(a.via)));

  const [initial] = useState<ProbeForm>(() => ({ targetChoice: request.target ?? null, by: request.by ?? 'ip', port: '' }));
  const names = targets.map((t) => t.c.name);
  const { values, set, field, valid, handleSubmit } = useSchemaForm(probeFormSchema, initial, names);
  const [answer, setAnswer] = useState<{ target: string; port: string; result: ProbeAnswer } | null>(null);
  const action = useAction();

  const target = targets.find((t) => t.c.name === targetOf(values, names));
  const { by } = values;
  const body = probeBody(values, names);
  const running = from?.state === 'running';
  const targetIp = !target
    ? '<target>'
    : by === 'name'
      ? target.c.name
      : (target.via?.ip ?? target.c.endpoints.find((e) => e.ipv4)?.ipv4 ?? target.c.name);

  const submit = handleSubmit(async (probe) => {
    const result = await action.run(() => api.probe(request.containerId, probe));
    if (result) setAnswer({ target: probe.target, port: probe.port ? String(probe.port) : '', result });
  });

  return (
    <Dialog
      title={`Can ${name} reach …?`}
      intro={`Runs ping, or nc with a port, inside ${name} against the target’s address on a network they share, or against its name.`}
      command={probeCommand(name, targetIp, valid ? body.port : undefined)}
      error={action.error}
      submitLabel="Probe"
      canSubmit={valid && running}
      pending={action.pending}
      onSubmit={() => void submit()}
      onClose={onClose}
      cancelLabel={answer ? 'Close' : 'Cancel'}
      result={answer && <ProbeResult {...answer} from={name} />}
    >
      {from && !running && (
        <p role="alert" className="text-amber-800 dark:text-amber-300">
          {name} is {from.state}: a probe runs inside it, so start it first (docker start {name}).
        </p>
      )}
      {targets.length ? (
        <SelectField
          label="Target"
          value={target?.c.name ?? ''}
          onChange={(v) => set('targetChoice', v)}
          hint={
            target && !target.via
              ? `${name} and ${target.c.name} share no network: expect no route, unless you connect them first.`
              : 'Containers reach each other directly over a network they share.'
          }
        >
          {targets.map(({ c, via }) => (
            <option key={c.id} value={c.name}>
              {c.name} — {via ? `${via.ip} on ${via.network}` : 'no shared network'}
              {c.state === 'running' ? '' : ` (${c.state})`}
            </option>
          ))}
        </SelectField>
      ) : (
        <p>There is no other container to reach.</p>
      )}
      <SelectField
        label="Reach it"
        value={by}
        onChange={(v) => set('by', v === 'name' ? 'name' : 'ip')}
        hint={
          by === 'name'
            ? 'By name: only a network you made has Docker’s embedded DNS; on the default bridge names do not resolve.'
            : 'By address: works on any network the two share.'
        }
      >
        <option value="ip">by its address</option>
        <option value="name">by its name</option>
      </SelectField>
      <TextField
        label="Port"
        {...field('port')}
        inputMode="numeric"
        placeholder="optional, e.g. 80"
        mono
        hint="Empty: a ping. A port: a TCP connection, which tells whether a service listens there."
      />
    </Dialog>
  );
}

function ProbeResult({ from, target, port, result }: { from: string; target: string; port: string; result: ProbeAnswer }) {
  const ok = result.reachable;
  const ref = useRevealed<HTMLDivElement>(result);
  return (
    <div
      ref={ref}
      role="status"
      data-testid="probe-result"
      data-reachable={String(ok)}
      className={`space-y-2 rounded-md border px-3 py-3 ${
        ok
          ? 'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100'
          : 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100'
      }`}
    >
      <div className="flex items-start gap-3">
        <span aria-hidden className={`text-3xl leading-none font-bold ${ok ? 'text-emerald-600' : 'text-red-600'}`}>
          {ok ? '✓' : '✗'}
        </span>
        <div>
          <p className="font-semibold">
            {ok ? 'Reachable' : 'Not reachable'}: {from} → {target}
            {port ? `:${port}` : ''}
            {result.via ? ` (${result.via.ip} on ${result.via.network})` : ''}
          </p>
          <p data-testid="probe-explanation">{result.explanation}</p>
        </div>
      </div>
      <CommandPreview command={result.command} label="Command that ran" testId="probe-command" />
      <details>
        <summary className="cursor-pointer text-xs font-medium">Raw output</summary>
        <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white/60 p-2 font-mono text-xs dark:bg-black/30">
          {result.output || '(no output)'}
        </pre>
      </details>
    </div>
  );
}
