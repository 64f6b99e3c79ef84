'use client';

import { useState } from 'react';
import { firstHost, freeSubnet, overlapping } from '../../lib/cidr';
import { networkCreateCommand } from '../../lib/dockerCommand';
import { networkCreateSchema, type NetworkCreate } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
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
import { useAction } from './useAction';

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

export function CreateNetworkDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'create-network' }>>) {
  const existing = topology.networks.flatMap((n) => n.subnets.map((s) => ({ name: n.name, subnet: s.subnet })));
  const swarm = topology.engine.swarm.state === 'active';

  const [name, setName] = useState('');
  const [driver, setDriver] = useState<Driver>('bridge');
  const [parent, setParent] = useState('');
  // Proposed once, when the dialog opens: a /24 no network uses yet.
  const [subnet, setSubnet] = useState(() => freeSubnet(existing.map((e) => e.subnet))?.subnet ?? '');
  /** null: follow the subnet (its first address); a string once the user typed one. */
  const [gatewayText, setGatewayText] = useState<string | null>(null);
  const [ipRange, setIpRange] = useState('');
  const [ipv6, setIpv6] = useState(false);
  const [subnetV6, setSubnetV6] = useState('');
  const [internal, setInternal] = useState(false);
  const [attachable, setAttachable] = useState(false);
  const [encrypted, setEncrypted] = useState(false);
  const [labels, setLabels] = useState('');
  const [bridgeName, setBridgeName] = useState('');
  const [mtu, setMtu] = useState('');
  const [icc, setIcc] = useState(true);
  const { touched, touch } = useTouched();
  const action = useAction();

  const gateway = gatewayText ?? firstHost(subnet);
  const parsedLabels = keyValueLines(labels);
  const bridge = driver === 'bridge';
  const options: Record<string, string> = bridge
    ? {
        ...(optional(bridgeName) ? { [BRIDGE_NAME]: bridgeName.trim() } : {}),
        ...(optional(mtu) ? { [MTU]: mtu.trim() } : {}),
        ...(icc ? {} : { [ICC]: 'false' }),
      }
    : {};
  const needsParent = driver === 'macvlan' || driver === 'ipvlan';

  const body: NetworkCreate = {
    name: name.trim(),
    driver,
    ...(optional(subnet) ? { subnet: subnet.trim() } : {}),
    ...(optional(gateway) ? { gateway: gateway.trim() } : {}),
    ...(optional(ipRange) ? { ipRange: ipRange.trim() } : {}),
    ...(ipv6 ? { ipv6: true } : {}),
    ...(ipv6 && optional(subnetV6) ? { subnetV6: subnetV6.trim() } : {}),
    ...(internal ? { internal: true } : {}),
    ...(attachable ? { attachable: true } : {}),
    ...(driver === 'overlay' && encrypted ? { encrypted: true } : {}),
    ...(Object.keys(parsedLabels.values).length ? { labels: parsedLabels.values } : {}),
    ...(Object.keys(options).length ? { options } : {}),
    ...(needsParent && optional(parent) ? { parent: parent.trim() } : {}),
    ...(request.lesson ? { lesson: request.lesson } : {}),
  };
  const parsed = networkCreateSchema.safeParse(body);
  const errors = fieldErrors(parsed.error);
  const local = {
    labels: parsedLabels.error,
    bridgeName: bridge ? bridgeNameError(bridgeName) : undefined,
    mtu: bridge ? mtuError(mtu) : undefined,
  };
  const valid = parsed.success && !Object.values(local).some(Boolean);
  const show = (path: string) => (touched.has(path) ? errorAt(errors, path) : undefined);

  const clashes = [...(body.subnet ? overlapping(body.subnet, existing) : []), ...(body.subnetV6 ? overlapping(body.subnetV6, existing) : [])];
  const alternative = clashes.length ? freeSubnet(existing.map((e) => e.subnet)) : null;

  const submit = async () => {
    if (!parsed.success) return;
    const done = await action.run(() => api.createNetwork(parsed.data));
    if (done) onDone(done, `network ${parsed.data.name} created`);
  };

  const edit =
    <T,>(path: string, set: (value: T) => void) =>
    (value: T) => {
      set(value);
      touch(path);
    };

  return (
    <Dialog
      title="Create network"
      intro="A user-defined network: containers on it find each other by name, and nothing else gets in."
      command={networkCreateCommand(parsed.success ? parsed.data : body)}
      error={action.error}
      submitLabel="Create network"
      canSubmit={valid}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {request.lesson && <LessonNote lesson={request.lesson} />}
      <TextField
        label="Name"
        value={name}
        onChange={edit('name', setName)}
        onBlur={() => touch('name')}
        placeholder="demo-net"
        error={show('name')}
      />

      <SelectField label="Driver" value={driver} onChange={(v) => setDriver(v as Driver)} hint={DRIVER_HINTS[driver]}>
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
          value={parent}
          onChange={edit('parent', setParent)}
          onBlur={() => touch('parent')}
          placeholder="eth0"
          mono
          hint="The host’s network interface the containers sit on; “ip link” on the host lists them."
          error={show('parent')}
        />
      )}

      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Subnet"
          value={subnet}
          onChange={edit('subnet', setSubnet)}
          onBlur={() => touch('subnet')}
          placeholder="172.20.0.0/24"
          mono
          hint="The addresses this network hands out, as CIDR. Proposed: one no other network uses."
          error={show('subnet')}
        />
        <TextField
          label="Gateway"
          value={gateway}
          onChange={edit('gateway', setGatewayText)}
          onBlur={() => touch('gateway')}
          placeholder="172.20.0.1"
          mono
          hint="The host’s own address on this network: containers’ route out."
          error={show('gateway')}
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
        value={ipRange}
        onChange={edit('ipRange', setIpRange)}
        onBlur={() => touch('ipRange')}
        placeholder="optional, e.g. 172.20.0.128/25"
        mono
        hint="Docker assigns containers addresses from this part of the subnet only, leaving the rest for static IPs."
        error={show('ipRange')}
      />

      <CheckboxField label="IPv6" checked={ipv6} onChange={setIpv6} hint="Give containers an IPv6 address as well." error={show('ipv6')} />
      {ipv6 && (
        <TextField
          label="IPv6 prefix"
          value={subnetV6}
          onChange={edit('subnetV6', setSubnetV6)}
          onBlur={() => touch('subnetV6')}
          placeholder="fd00:1::/64"
          mono
          hint="Optional: the Engine picks one from its pool when empty."
          error={show('subnetV6')}
        />
      )}

      <CheckboxField
        label="Internal"
        checked={internal}
        onChange={setInternal}
        hint="No way out: containers on it reach each other, but not the internet or the host’s LAN."
      />
      <CheckboxField
        label="Attachable"
        checked={attachable}
        onChange={setAttachable}
        hint={
          driver === 'overlay'
            ? 'Lets standalone containers (docker run) join; without it only swarm services can.'
            : 'Matters for overlay networks: lets standalone containers join, not only swarm services.'
        }
      />

      <TextAreaField
        label="Labels"
        value={labels}
        onChange={edit('labels', setLabels)}
        onBlur={() => touch('labels')}
        placeholder={'team=web\nenv=demo'}
        hint="One key=value a line: metadata for people and tools, Docker ignores it."
        error={touched.has('labels') ? (local.labels ?? errorAt(errors, 'labels')) : undefined}
      />

      {driver === 'overlay' && (
        <FieldGroup title="Overlay options">
          <CheckboxField
            label="Encrypted"
            checked={encrypted}
            onChange={setEncrypted}
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
              value={bridgeName}
              onChange={edit('bridgeName', setBridgeName)}
              placeholder="br-demo"
              mono
              hint="The interface name “ip link” shows on the host; Docker picks br-<id> otherwise."
              error={touched.has('bridgeName') ? local.bridgeName : undefined}
            />
            <TextField
              label="MTU"
              value={mtu}
              onChange={edit('mtu', setMtu)}
              inputMode="numeric"
              placeholder="1500"
              mono
              hint="Largest packet in bytes; lower it inside VPNs and tunnels."
              error={touched.has('mtu') ? local.mtu : undefined}
            />
          </div>
          <CheckboxField
            label="Inter-container communication"
            checked={icc}
            onChange={setIcc}
            hint="Off: containers on this network cannot talk to each other, only to the outside and to published ports."
          />
        </FieldGroup>
      )}
    </Dialog>
  );
}
