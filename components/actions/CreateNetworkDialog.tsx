'use client';

import { useState } from 'react';
import { firstHost, freeSubnet, overlapping } from '../../lib/cidr';
import { z } from 'zod';
import { networkCreateCommand } from '../../lib/dockerCommand';
import { networkCreateSchema, type NetworkCreate } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { CheckboxField, FieldGroup, keyValueLines, optional, SelectField, TextAreaField, TextField } from './fields';
import { LessonNote } from './LessonNote';
import { useAction } from './useAction';
import { reportBodyIssues, useSchemaForm } from './useSchemaForm';

type Driver = NetworkCreate['driver'];

const BRIDGE_NAME = 'com.docker.network.bridge.name';
const MTU = 'com.docker.network.driver.mtu';
const ICC = 'com.docker.network.bridge.enable_icc';

const DRIVER_HINTS: Record<Driver, string> = {
  bridge: 'A virtual switch on this host: containers on it talk to each other and reach out through NAT.',
  overlay: 'Spans every node of the swarm: containers on different hosts share one network.',
  macvlan: 'Each container gets its own MAC address on the host’s LAN, as if it were a machine plugged in there.',
  ipvlan: 'Containers share the host interface’s MAC address but get their own IPs on its LAN.',
};

function mtuError(mtu: string): string | undefined {
  if (!mtu.trim()) return undefined;
  const value = Number(mtu.trim());
  return Number.isInteger(value) && value >= 68 && value <= 65535 ? undefined : 'an MTU is a whole number of bytes, 68 to 65535 (1500 on most LANs)';
}

function bridgeNameError(name: string): string | undefined {
  if (!name.trim()) return undefined;
  return /^[a-zA-Z0-9_.-]{1,15}$/.test(name.trim()) ? undefined : 'Linux interface names are at most 15 letters, digits, "_", "." or "-"';
}

/** The form as the person fills it: text as typed, before it is trimmed into a body. */
interface NetworkForm {
  name: string;
  driver: Driver;
  parent: string;
  subnet: string;
  /** null: follow the subnet (its first address); a string once the user typed one. */
  gateway: string | null;
  ipRange: string;
  ipv6: boolean;
  subnetV6: string;
  internal: boolean;
  attachable: boolean;
  encrypted: boolean;
  labels: string;
  bridgeName: string;
  mtu: string;
  icc: boolean;
}

/** The body the form stands for: empty boxes left out, so the command shows only what was chosen. */
function networkBody(form: NetworkForm, lesson: string | undefined): NetworkCreate {
  const gateway = form.gateway ?? firstHost(form.subnet);
  const labels = keyValueLines(form.labels).values;
  const needsParent = form.driver === 'macvlan' || form.driver === 'ipvlan';
  const options: Record<string, string> =
    form.driver === 'bridge'
      ? {
          ...(optional(form.bridgeName) ? { [BRIDGE_NAME]: form.bridgeName.trim() } : {}),
          ...(optional(form.mtu) ? { [MTU]: form.mtu.trim() } : {}),
          ...(form.icc ? {} : { [ICC]: 'false' }),
        }
      : {};
  return {
    name: form.name.trim(),
    driver: form.driver,
    ...(optional(form.subnet) ? { subnet: form.subnet.trim() } : {}),
    ...(optional(gateway) ? { gateway: gateway.trim() } : {}),
    ...(optional(form.ipRange) ? { ipRange: form.ipRange.trim() } : {}),
    ...(form.ipv6 ? { ipv6: true } : {}),
    ...(form.ipv6 && optional(form.subnetV6) ? { subnetV6: form.subnetV6.trim() } : {}),
    ...(form.internal ? { internal: true } : {}),
    ...(form.attachable ? { attachable: true } : {}),
    ...(form.driver === 'overlay' && form.encrypted ? { encrypted: true } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(Object.keys(options).length ? { options } : {}),
    ...(needsParent && optional(form.parent) ? { parent: form.parent.trim() } : {}),
    ...(lesson ? { lesson } : {}),
  };
}

const BODY_FIELDS = {
  name: 'name',
  subnet: 'subnet',
  gateway: 'gateway',
  ipRange: 'ipRange',
  ipv6: 'ipv6',
  subnetV6: 'subnetV6',
  labels: 'labels',
  parent: 'parent',
};

/** The server's schema for the body, with what only the form can check: the label lines, the bridge's name and MTU. */
const networkFormSchema = (lesson: string | undefined) =>
  z.custom<NetworkForm>().transform((form, ctx) => {
    const labelLines = keyValueLines(form.labels).error;
    if (labelLines) ctx.addIssue({ code: 'custom', path: ['labels'], message: labelLines });
    if (form.driver === 'bridge') {
      const bridgeName = bridgeNameError(form.bridgeName);
      if (bridgeName) ctx.addIssue({ code: 'custom', path: ['bridgeName'], message: bridgeName });
      const mtu = mtuError(form.mtu);
      if (mtu) ctx.addIssue({ code: 'custom', path: ['mtu'], message: mtu });
    }
    const parsed = networkCreateSchema.safeParse(networkBody(form, lesson));
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, BODY_FIELDS);
    return parsed.success ? parsed.data : z.NEVER;
  });

export function CreateNetworkDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'create-network' }>>) {
  const existing = topology.networks.flatMap((n) => n.subnets.map((s) => ({ name: n.name, subnet: s.subnet })));
  const swarm = topology.engine.swarm.state === 'active';
  const [initial] = useState<NetworkForm>(() => ({
    name: '',
    driver: 'bridge',
    parent: '',
    // Proposed once, when the dialog opens: a /24 no network uses yet.
    subnet: freeSubnet(existing.map((e) => e.subnet))?.subnet ?? '',
    gateway: null,
    ipRange: '',
    ipv6: false,
    subnetV6: '',
    internal: false,
    attachable: false,
    encrypted: false,
    labels: '',
    bridgeName: '',
    mtu: '',
    icc: true,
  }));
  const { values, set, field, shown, valid, handleSubmit } = useSchemaForm(networkFormSchema, initial, request.lesson);
  const action = useAction();

  const { driver } = values;
  const bridge = driver === 'bridge';
  const needsParent = driver === 'macvlan' || driver === 'ipvlan';
  const body = networkBody(values, request.lesson);

  const clashes = [...(body.subnet ? overlapping(body.subnet, existing) : []), ...(body.subnetV6 ? overlapping(body.subnetV6, existing) : [])];
  const alternative = clashes.length ? freeSubnet(existing.map((e) => e.subnet)) : null;

  const submit = handleSubmit(async (created) => {
    const done = await action.run(() => api.createNetwork(created));
    if (done) onDone(done, `network ${created.name} created`);
  });

  return (
    <Dialog
      title="Create network"
      intro="A user-defined network: containers on it find each other by name, and nothing else gets in."
      command={networkCreateCommand(body)}
      error={action.error}
      submitLabel="Create network"
      canSubmit={valid}
      pending={action.pending}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {request.lesson && <LessonNote lesson={request.lesson} />}
      <TextField label="Name" {...field('name')} placeholder="demo-net" />

      <SelectField label="Driver" value={driver} onChange={(v) => set('driver', v as Driver)} hint={DRIVER_HINTS[driver]}>
        <option value="bridge">bridge</option>
        {swarm && <option value="overlay">overlay</option>}
        <option value="macvlan">macvlan</option>
        <option value="ipvlan">ipvlan</option>
      </SelectField>
      {!swarm && (
        <p className="-mt-3 text-xs text-slate-500 dark:text-slate-400">
          overlay needs swarm mode (docker swarm init); this engine is not in a swarm.
        </p>
      )}

      {needsParent && (
        <TextField
          label="Parent interface"
          {...field('parent')}
          placeholder="eth0"
          mono
          hint="The host’s network interface the containers sit on; “ip link” on the host lists them."
        />
      )}

      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Subnet"
          {...field('subnet')}
          placeholder="172.20.0.0/24"
          mono
          hint="The addresses this network hands out, as CIDR. Proposed: one no other network uses."
        />
        <TextField
          label="Gateway"
          {...field('gateway')}
          value={values.gateway ?? firstHost(values.subnet)}
          placeholder="172.20.0.1"
          mono
          hint="The host’s own address on this network: containers’ route out."
        />
      </div>
      {clashes.length > 0 && (
        <div
          role="status"
          data-testid="overlap-warning"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
        >
          Overlaps {clashes.map((c) => `${c.name} (${c.subnet})`).join(', ')}: the Engine will refuse it, since one address cannot belong to two
          networks.{alternative && ` ${alternative.subnet} is free.`}
        </div>
      )}
      <TextField
        label="IP range"
        {...field('ipRange')}
        placeholder="optional, e.g. 172.20.0.128/25"
        mono
        hint="Docker assigns containers addresses from this part of the subnet only, leaving the rest for static IPs."
      />

      <CheckboxField
        label="IPv6"
        checked={values.ipv6}
        onChange={(v) => set('ipv6', v)}
        hint="Give containers an IPv6 address as well."
        error={shown('ipv6')}
      />
      {values.ipv6 && (
        <TextField
          label="IPv6 prefix"
          {...field('subnetV6')}
          placeholder="fd00:1::/64"
          mono
          hint="Optional: the Engine picks one from its pool when empty."
        />
      )}

      <CheckboxField
        label="Internal"
        checked={values.internal}
        onChange={(v) => set('internal', v)}
        hint="No way out: containers on it reach each other, but not the internet or the host’s LAN."
      />
      <CheckboxField
        label="Attachable"
        checked={values.attachable}
        onChange={(v) => set('attachable', v)}
        hint={
          driver === 'overlay'
            ? 'Lets standalone containers (docker run) join; without it only swarm services can.'
            : 'Matters for overlay networks: lets standalone containers join, not only swarm services.'
        }
      />

      <TextAreaField
        label="Labels"
        {...field('labels')}
        placeholder={'team=web\nenv=demo'}
        hint="One key=value a line: metadata for people and tools, Docker ignores it."
      />

      {driver === 'overlay' && (
        <FieldGroup title="Overlay options">
          <CheckboxField
            label="Encrypted"
            checked={values.encrypted}
            onChange={(v) => set('encrypted', v)}
            hint="--opt encrypted: the containers’ traffic between nodes goes in IPsec tunnels. Traffic on one node is not encrypted; it costs some speed."
          />
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Made on this manager, it reaches a worker only when a task there needs it. Internal: tasks on it still reach each other across nodes, but
            nothing outside (no docker_gwbridge).
          </p>
        </FieldGroup>
      )}

      {bridge && (
        <FieldGroup title="Bridge options">
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="Linux bridge"
              {...field('bridgeName')}
              placeholder="br-demo"
              mono
              hint="The interface name “ip link” shows on the host; Docker picks br-<id> otherwise."
            />
            <TextField
              label="MTU"
              {...field('mtu')}
              inputMode="numeric"
              placeholder="1500"
              mono
              hint="Largest packet in bytes; lower it inside VPNs and tunnels."
            />
          </div>
          <CheckboxField
            label="Inter-container communication"
            checked={values.icc}
            onChange={(v) => set('icc', v)}
            hint="Off: containers on this network cannot talk to each other, only to the outside and to published ports."
          />
        </FieldGroup>
      )}
    </Dialog>
  );
}
