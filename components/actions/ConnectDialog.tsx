'use client';

import { useState } from 'react';
import { contains, isRange, parseCidr } from '../../lib/cidr';
import { connectCommand } from '../../lib/dockerCommand';
import { connectSchema, type Connect } from '../../lib/schemas';
import type { Container, Network } from '../../lib/topology';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { errorAt, fieldErrors, SelectField, TextField, useTouched } from './fields';
import { useAction } from './useAction';

const byRef = (ref: string | undefined) => (o: { id: string; name: string }) => ref !== undefined && (o.id === ref || o.name === ref);

/** Networks a running container can join: not host or none, not swarm's ingress, overlays only when attachable. */
const joinable = (n: Network) => n.driver !== 'host' && n.driver !== 'null' && !n.ingress && (n.driver !== 'overlay' || n.attachable);
/** A container on the host's stack or sharing another's has no network of its own to extend. */
const connectable = (c: Container) => c.networkMode !== 'host' && !c.networkMode.startsWith('container:');
const isOn = (c: Container, n: Network) => c.endpoints.some((e) => e.networkId === n.id || e.networkName === n.name);

/** What Docker would refuse about a static address, said before it does. */
function addressError(ipv4: string, network: Network, topology: DialogProps['topology']): string | undefined {
  if (!ipv4) return undefined;
  const subnets = network.subnets.map((s) => ({ ...s, range: parseCidr(s.subnet) })).filter((s) => isRange(s.range) && s.range.version === 4);
  const home = subnets.find((s) => isRange(s.range) && contains(s.range, ipv4));
  if (subnets.length && !home) return `${ipv4} is outside ${network.name} (${subnets.map((s) => s.subnet).join(', ')})`;
  if (home?.gateway === ipv4) return `${ipv4} is ${network.name}’s gateway: the host uses it`;
  const holder = topology.containers.find((c) => c.endpoints.some((e) => e.networkId === network.id && e.ipv4 === ipv4));
  return holder ? `${holder.name} has ${ipv4} on ${network.name} already` : undefined;
}

export function ConnectDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'connect' }>>) {
  const fixedNetwork = topology.networks.find(byRef(request.networkId));
  const fixedContainer = topology.containers.find(byRef(request.containerId));

  const [containerChoice, setContainerChoice] = useState<string | null>(null);
  const [networkChoice, setNetworkChoice] = useState<string | null>(null);
  const [ipv4, setIpv4] = useState('');
  const [aliases, setAliases] = useState('');
  const { touched, touch } = useTouched();
  const action = useAction();

  const containers = topology.containers.filter((c) => connectable(c) && (!fixedNetwork || !isOn(c, fixedNetwork)));
  const container = fixedContainer ?? containers.find((c) => c.name === containerChoice) ?? containers[0];
  const networks = topology.networks.filter((n) => joinable(n) && (!container || !isOn(container, n)));
  const network = fixedNetwork ?? networks.find((n) => n.id === networkChoice) ?? networks[0];

  const aliasList = aliases
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const body: Connect = {
    container: container?.name ?? request.containerId ?? '',
    ...(ipv4.trim() ? { ipv4: ipv4.trim() } : {}),
    ...(aliasList.length ? { aliases: aliasList } : {}),
  };
  const parsed = connectSchema.safeParse(body);
  const errors = fieldErrors(parsed.error);
  const defaultBridge = network?.name === 'bridge' && network.driver === 'bridge';
  const local = {
    ipv4: network && !errors.has('ipv4') ? addressError(body.ipv4 ?? '', network, topology) : undefined,
    bridge:
      defaultBridge && (body.ipv4 || body.aliases) ? 'the default bridge takes neither static IPs nor aliases: use a network you created' : undefined,
  };
  const valid = parsed.success && Boolean(network) && Boolean(container) && !local.ipv4 && !local.bridge;
  const networkName = network?.name ?? request.networkId ?? '<network>';

  const submit = async () => {
    if (!parsed.success || !network) return;
    const done = await action.run(() => api.connect(network.id, parsed.data));
    if (done) onDone(done, `${parsed.data.container} connected to ${network.name}`);
  };

  return (
    <Dialog
      title={
        fixedNetwork ? `Connect a container to ${fixedNetwork.name}` : fixedContainer ? `Connect ${fixedContainer.name} to a network` : 'Connect'
      }
      intro="Adds a network interface to a running container: it keeps its other networks and gets an address on this one too."
      command={connectCommand(networkName, parsed.success ? parsed.data : body)}
      error={action.error}
      submitLabel="Connect"
      canSubmit={valid}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {fixedContainer ? (
        <p>
          Container: <span className="font-mono font-medium">{fixedContainer.name}</span>
        </p>
      ) : containers.length ? (
        <SelectField
          label="Container"
          value={container?.name ?? ''}
          onChange={(v) => {
            setContainerChoice(v);
            setNetworkChoice(null);
          }}
        >
          {containers.map((c) => (
            <option key={c.id} value={c.name}>
              {c.name} ({c.state})
            </option>
          ))}
        </SelectField>
      ) : (
        <p data-testid="connect-empty">
          {fixedNetwork ? `Every container that can join is on ${fixedNetwork.name} already.` : 'There is no container to connect.'}
        </p>
      )}

      {fixedNetwork ? (
        <p>
          Network: <span className="font-mono font-medium">{fixedNetwork.name}</span> ({fixedNetwork.driver})
        </p>
      ) : networks.length ? (
        <SelectField
          label="Network"
          value={network?.id ?? ''}
          onChange={setNetworkChoice}
          hint="host and none are not listed: a container joins them only when it is created."
        >
          {networks.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name} ({n.driver}
              {n.subnets[0] ? `, ${n.subnets[0].subnet}` : ''})
            </option>
          ))}
        </SelectField>
      ) : (
        <p data-testid="connect-empty">{container ? `${container.name} is on every network it can join already.` : 'There is no network to join.'}</p>
      )}

      <TextField
        label="IPv4 address"
        value={ipv4}
        onChange={(v) => {
          setIpv4(v);
          touch('ipv4');
        }}
        onBlur={() => touch('ipv4')}
        placeholder={network?.subnets[0] ? `optional, inside ${network.subnets[0].subnet}` : 'optional'}
        mono
        hint="Only on networks created with a subnet (--subnet); leave it empty and Docker picks a free address."
        error={touched.has('ipv4') ? (errorAt(errors, 'ipv4') ?? local.ipv4 ?? (body.ipv4 ? local.bridge : undefined)) : undefined}
      />
      <TextField
        label="Aliases"
        value={aliases}
        onChange={(v) => {
          setAliases(v);
          touch('aliases');
        }}
        onBlur={() => touch('aliases')}
        placeholder="optional, e.g. db, primary"
        mono
        hint="Extra names, comma separated: other containers on this network can reach it by any of them."
        error={touched.has('aliases') ? (errorAt(errors, 'aliases') ?? (body.aliases ? local.bridge : undefined)) : undefined}
      />
    </Dialog>
  );
}
