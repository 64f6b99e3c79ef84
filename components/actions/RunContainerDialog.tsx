'use client';

import { useState } from 'react';
import { runCommand } from '../../lib/dockerCommand';
import { runSchema, type Run } from '../../lib/schemas';
import { api } from '../api/client';
import { ActionErrorBox, Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import {
  CheckboxField,
  errorAt,
  fieldErrors,
  FieldGroup,
  keyValueLines,
  optional,
  SelectField,
  TextAreaField,
  TextField,
  useTouched,
} from './fields';
import { LessonNote } from './LessonNote';
import { bindingsOf, blankRow, PortRows, takenPorts, type PortRow } from './PortRows';
import { TransferProgress } from './TransferProgress';
import { useAction } from './useAction';
import { useImageTransfer } from './useImageTransfer';
import { megabytes, useLocalImages } from './useLocalImages';

/** The select's value for "an image not in this list". */
const OTHER = '';

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

  /** null until the user picks: the first local image, or a typed reference when there is none. */
  const [imageChoice, setImageChoice] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [command, setCommand] = useState('');
  const [network, setNetwork] = useState(defaultNetwork);
  const [rows, setRows] = useState<PortRow[]>(() => [blankRow(0)]);
  const [nonRoot, setNonRoot] = useState(false);
  const [user, setUser] = useState('1000');
  const [env, setEnv] = useState('');
  const { touched, touch } = useTouched();
  const action = useAction();

  const selected = imageChoice ?? tags[0]?.tag ?? OTHER;
  const image = selected === OTHER ? reference.trim() : selected;
  const ports = bindingsOf(rows);
  const parsedEnv = keyValueLines(env);
  const networkDriver = topology.networks.find((n) => n.name === network)?.driver;

  const body: Run = {
    image,
    ...(optional(name) ? { name: name.trim() } : {}),
    ...(optional(command) ? { command: command.trim() } : {}),
    ...(network !== 'bridge' ? { network } : {}),
    ...(ports.bindings.length ? { ports: ports.bindings } : {}),
    ...(nonRoot ? { user: user.trim() } : {}),
    ...(Object.keys(parsedEnv.values).length ? { env: parsedEnv.values } : {}),
    ...(request.lesson ? { lesson: request.lesson } : {}),
  };
  const parsed = runSchema.safeParse(body);
  const errors = fieldErrors(parsed.error);
  const valid = parsed.success && ports.errors.size === 0 && !parsedEnv.error;
  const show = (path: string) => (touched.has(path) ? errorAt(errors, path) : undefined);

  const edit =
    <T,>(path: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      touch(path);
    };

  // A reference this engine does not have: offer to pull it first, with its progress, rather than fail the run.
  const missing = selected === OTHER && images !== null && parsed.success && !tags.some((t) => t.tag === image || t.tag === `${image}:latest`);

  const submit = async () => {
    if (!parsed.success) return;
    const done = await action.run(() => api.runContainer(parsed.data));
    if (done) onDone(done, `container ${parsed.data.name ?? parsed.data.image} started`);
  };

  return (
    <Dialog
      title="Run container"
      intro="Creates a container from an image and starts it, as docker run --detach does."
      command={runCommand(parsed.success ? parsed.data : body)}
      error={action.error}
      submitLabel="Run container"
      canSubmit={valid}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {request.lesson && <LessonNote lesson={request.lesson} />}
      <SelectField
        label="Image"
        value={selected}
        onChange={(v) => {
          setImageChoice(v);
          touch('image');
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
          value={reference}
          onChange={edit('image', (v: string) => {
            setReference(v);
            // Typed before the list arrived: stay on the typed reference.
            setImageChoice(OTHER);
          })}
          onBlur={() => touch('image')}
          placeholder="nginx:1.27"
          mono
          hint="repository:tag, as docker pull takes it."
          error={show('image')}
        />
      )}
      {(missing || transfer.started) && (
        <div className="space-y-2 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800" data-testid="pull-first">
          {!transfer.started && (
            <div className="flex items-center justify-between gap-3 text-sm">
              <span>This engine has no {image}.</span>
              <button
                type="button"
                onClick={() => void transfer.start('pull', image)}
                disabled={transfer.running}
                className="shrink-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
              >
                Pull it first
              </button>
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
        value={name}
        onChange={edit('name', setName)}
        onBlur={() => touch('name')}
        placeholder="optional: Docker invents one like eager_turing"
        hint="Containers on the same user-defined network find each other by this name."
        error={show('name')}
      />
      <TextField
        label="Command"
        value={command}
        onChange={edit('command', setCommand)}
        onBlur={() => touch('command')}
        placeholder="optional, e.g. busybox httpd -f -p 80"
        mono
        hint="Replaces the image’s CMD; split at spaces, with no shell quoting."
        error={show('command')}
      />
      <SelectField
        label="Network"
        value={network}
        onChange={(v) => {
          setNetwork(v);
          touch('network');
        }}
        hint={
          networkDriver === 'null'
            ? 'none: a loopback interface only, no way in or out.'
            : network === 'bridge'
              ? 'The default bridge: no name lookup between containers; a user-defined network has it.'
              : undefined
        }
        error={show('network')}
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
        <PortRows rows={rows} onChange={setRows} errors={ports.errors} taken={takenPorts(topology.containers)} />
      </FieldGroup>

      <FieldGroup title="Security and environment">
        <CheckboxField
          label="Run as non-root"
          checked={nonRoot}
          onChange={setNonRoot}
          hint="Root in a container is root on the host if the process breaks out; an ordinary user id limits the damage."
        />
        {nonRoot && (
          <TextField
            label="User id"
            value={user}
            onChange={edit('user', setUser)}
            onBlur={() => touch('user')}
            inputMode="numeric"
            mono
            error={show('user')}
          />
        )}
        <TextAreaField
          label="Environment"
          value={env}
          onChange={edit('env', setEnv)}
          onBlur={() => touch('env')}
          placeholder={'GREETING=hello\nMODE=demo'}
          hint="One KEY=value a line, as --env sets it."
          error={touched.has('env') ? (parsedEnv.error ?? errorAt(errors, 'env')) : undefined}
        />
      </FieldGroup>
    </Dialog>
  );
}
