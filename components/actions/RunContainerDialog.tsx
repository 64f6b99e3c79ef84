'use client';

import { useState } from 'react';
import { z } from 'zod';
import { runCommand } from '../../lib/dockerCommand';
import { runSchema, type Run } from '../../lib/schemas';
import { api } from '../api/client';
import { Button } from '../ui/Button';
import { ActionErrorBox, Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { CheckboxField, FieldGroup, keyValueLines, optional, SelectField, TextAreaField, TextField } from './fields';
import { LessonNote } from './LessonNote';
import { bindingsOf, blankRow, PortRows, takenPorts, type PortRow } from './PortRows';
import { TransferProgress } from './TransferProgress';
import { useAction } from './useAction';
import { useImageTransfer } from './useImageTransfer';
import { reportBodyIssues, useSchemaForm } from './useSchemaForm';
import { megabytes, useLocalImages } from './useLocalImages';

/** The select's value for "an image not in this list". */
const OTHER = '';

/** The form as the person fills it: text as typed, before it is trimmed into a body. */
interface RunForm {
  /** null until the user picks: the first local image, or a typed reference when there is none. */
  imageChoice: string | null;
  reference: string;
  name: string;
  command: string;
  network: string;
  rows: PortRow[];
  nonRoot: boolean;
  user: string;
  env: string;
}

/** Besides the form: the image it runs until one is picked, and the lesson it belongs to. */
interface RunContext {
  firstImage: string;
  lesson: string | undefined;
}

const imageOf = (form: RunForm, context: RunContext) => {
  const selected = form.imageChoice ?? context.firstImage;
  return { selected, image: selected === OTHER ? form.reference.trim() : selected };
};

/** The body the form stands for: empty boxes left out, so the command shows only what was chosen. */
function runBody(form: RunForm, context: RunContext): Run {
  const ports = bindingsOf(form.rows).bindings;
  const env = keyValueLines(form.env).values;
  return {
    image: imageOf(form, context).image,
    ...(optional(form.name) ? { name: form.name.trim() } : {}),
    ...(optional(form.command) ? { command: form.command.trim() } : {}),
    ...(form.network !== 'bridge' ? { network: form.network } : {}),
    ...(ports.length ? { ports } : {}),
    ...(form.nonRoot ? { user: form.user.trim() } : {}),
    ...(Object.keys(env).length ? { env } : {}),
    ...(context.lesson ? { lesson: context.lesson } : {}),
  };
}

const BODY_FIELDS = { image: 'reference', name: 'name', command: 'command', network: 'network', user: 'user', env: 'env' };

/** The server's schema for the body, with what only the form can check: the port rows and the environment's lines. */
const runFormSchema = (context: RunContext) =>
  z.custom<RunForm>().transform((form, ctx) => {
    // PortRows shows each row's own message.
    if (bindingsOf(form.rows).errors.size) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'a port row is incomplete' });
    const envLines = keyValueLines(form.env).error;
    if (envLines) ctx.addIssue({ code: 'custom', path: ['env'], message: envLines });
    const parsed = runSchema.safeParse(runBody(form, context));
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, BODY_FIELDS);
    return parsed.success ? parsed.data : z.NEVER;
  });

export function RunContainerDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'run-container' }>>) {
  const transfer = useImageTransfer();
  // A pull that ended well: list the images again, and the reference typed runs.
  const pulled = transfer.progress?.done && !transfer.progress.error && !transfer.progress.cancelled ? transfer.started?.image : undefined;
  const { images, error: imagesError } = useLocalImages(pulled);

  const tags = (images ?? []).flatMap((i) => i.tags.map((tag) => ({ tag, size: i.size, registry: i.registry })));
  // Not the host network: it would share the host's own stack (CIS 5.10), which the API refuses.
  const runnable = topology.networks.filter((n) => n.driver !== 'host');
  const preset = runnable.find((n) => n.id === request.network || n.name === request.network);
  const defaultNetwork = preset?.name ?? (runnable.some((n) => n.name === 'bridge') ? 'bridge' : (runnable[0]?.name ?? 'bridge'));

  const [initial] = useState<RunForm>(() => ({
    imageChoice: null,
    reference: '',
    name: '',
    command: '',
    network: defaultNetwork,
    rows: [blankRow(0)],
    nonRoot: false,
    user: '1000',
    env: '',
  }));
  const context: RunContext = { firstImage: tags[0]?.tag ?? OTHER, lesson: request.lesson };
  const { values, set, field, shown, valid, handleSubmit } = useSchemaForm(runFormSchema, initial, context);
  const action = useAction();

  const { selected, image } = imageOf(values, context);
  const { network } = values;
  const networkDriver = topology.networks.find((n) => n.name === network)?.driver;
  const body = runBody(values, context);

  // A reference this engine does not have: offer to pull it first, with its progress, rather than fail the run.
  const missing = selected === OTHER && images !== null && valid && !tags.some((t) => t.tag === image || t.tag === `${image}:latest`);

  const submit = handleSubmit(async (run) => {
    const done = await action.run(() => api.runContainer(run));
    if (done) onDone(done, `container ${run.name ?? run.image} started`);
  });

  return (
    <Dialog
      title="Run container"
      intro="Creates a container from an image and starts it, as docker run --detach does."
      command={runCommand(body)}
      error={action.error}
      submitLabel="Run container"
      canSubmit={valid}
      pending={action.pending}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {request.lesson && <LessonNote lesson={request.lesson} />}
      <SelectField
        label="Image"
        value={selected}
        onChange={(v) => {
          set('imageChoice', v);
          // The image's message shows under Reference: picking "Another image…" counts as being there.
          set('reference', values.reference);
        }}
        hint={images === null && !imagesError ? 'Listing this engine’s images…' : imagesError ? `Could not list images: ${imagesError}` : undefined}
      >
        {tags.map((t) => (
          <option key={t.tag} value={t.tag}>
            {t.tag} — {megabytes(t.size)}
          </option>
        ))}
        <option value={OTHER}>Another image…</option>
      </SelectField>
      {selected === OTHER && (
        <TextField
          label="Reference"
          {...field('reference')}
          onChange={(v) => {
            set('reference', v);
            // Typed before the list arrived: stay on the typed reference.
            set('imageChoice', OTHER);
          }}
          placeholder="nginx:1.27"
          mono
          hint="repository:tag, as docker pull takes it."
        />
      )}
      {(missing || transfer.started) && (
        <div className="space-y-2 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800" data-testid="pull-first">
          {!transfer.started && (
            <div className="flex items-center justify-between gap-3 text-sm">
              <span>This engine has no {image}.</span>
              <Button onClick={() => void transfer.start('pull', image)} disabled={transfer.running} className="shrink-0">
                Pull it first
              </Button>
            </div>
          )}
          {transfer.refused && <ActionErrorBox error={transfer.refused} />}
          {transfer.started && (
            <TransferProgress
              kind="pull"
              image={transfer.started.image}
              command={transfer.started.command}
              progress={transfer.progress}
              onCancel={() => void transfer.cancel()}
            />
          )}
        </div>
      )}

      <TextField
        label="Name"
        {...field('name')}
        placeholder="optional: Docker invents one like eager_turing"
        hint="Containers on the same user-defined network find each other by this name."
      />
      <TextField
        label="Command"
        {...field('command')}
        placeholder="optional, e.g. busybox httpd -f -p 80"
        mono
        hint="Replaces the image’s CMD; split at spaces, with no shell quoting."
      />
      <SelectField
        label="Network"
        value={network}
        onChange={(v) => set('network', v)}
        hint={
          networkDriver === 'null'
            ? 'none: a loopback interface only, no way in or out.'
            : network === 'bridge'
              ? 'The default bridge: no name lookup between containers; a user-defined network has it.'
              : undefined
        }
        error={shown('network')}
      >
        {runnable.map((n) => (
          <option key={n.id} value={n.name}>
            {n.name} ({n.driver})
          </option>
        ))}
      </SelectField>

      <FieldGroup title="Published ports">
        <p className="-mt-2 text-xs text-slate-500 dark:text-slate-400">
          A host port forwards to a container port. Left on 127.0.0.1, only this machine can connect.
        </p>
        <PortRows
          rows={values.rows}
          onChange={(rows) => set('rows', rows)}
          errors={bindingsOf(values.rows).errors}
          taken={takenPorts(topology.containers)}
        />
      </FieldGroup>

      <FieldGroup title="Security and environment">
        <CheckboxField
          label="Run as non-root"
          checked={values.nonRoot}
          onChange={(v) => set('nonRoot', v)}
          hint="Root in a container is root on the host if the process breaks out; an ordinary user id limits the damage."
        />
        {values.nonRoot && <TextField label="User id" {...field('user')} inputMode="numeric" mono />}
        <TextAreaField
          label="Environment"
          {...field('env')}
          placeholder={'GREETING=hello\nMODE=demo'}
          hint="One KEY=value a line, as --env sets it."
        />
      </FieldGroup>
    </Dialog>
  );
}
