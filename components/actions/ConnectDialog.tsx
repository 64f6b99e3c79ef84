'use client';

import { useState } from 'react';
import { z } from 'zod';
import { contains, isRange, parseCidr } from '../../lib/cidr';
import { connectCommand } from '../../lib/dockerCommand';
import { connectSchema, type Connect } from '../../lib/schemas';
import type { Container, Network } from '../../lib/topology';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { SelectField, TextField } from './fields';
import { useAction } from './useAction';
import { reportBodyIssues, useSchemaForm } from './useSchemaForm';

const byRef = (ref: string | undefined) => (o: { id: string; name: string }) => ref !== undefined && (o.id === ref || o.name === ref);

/** Networks a running container can join: not host or none, not swarm's ingress, overlays only when attachable. */
const joinable = (n: Network) => n.driver !== 'host' && n.driver !== 'null' && !n.ingress && (n.driver !== 'overlay' || n.attachable);
/** A container on the host's stack or sharing another's has no network of its own to extend. */
const connectable = (c: Container) => c.networkMode !== 'host' && !c.networkMode.startsWith('container:');
const isOn = (c: Container, n: Network) => c.endpoints.some((e) => e.networkId === n.id || e.networkName === n.name);

/** The form as the person fills it: what is typed; the container and network are picked outside it. */
interface ConnectForm {
  ipv4: string;
  aliases: string;
}

/** Besides the form: the container and network the pickers point at, and the addresses on that network already held. */
interface ConnectContext {
  container: string;
  network: Network | undefined;
  held: { name: string; ipv4: string }[];
}

/** What Docker would refuse about a static address, said before it does. */
function addressError(ipv4: string, network: Network, held: ConnectContext['held']): string | undefined {
  if (!ipv4) return undefined;
  const subnets = network.subnets.map((s) => ({ ...s, range: parseCidr(s.subnet) })).filter((s) => isRange(s.range) && s.range.version === 4);
  const home = subnets.find((s) => isRange(s.range) && contains(s.range, ipv4));
  if (subnets.length && !home) return `${ipv4} is outside ${network.name} (${subnets.map((s) => s.subnet).join(', ')})`;
  if (home?.gateway === ipv4) return `${ipv4} is ${network.name}’s gateway: the host uses it`;
  const holder = held.find((h) => h.ipv4 === ipv4);
  return holder ? `${holder.name} has ${ipv4} on ${network.name} already` : undefined;
}

/** The body the form stands for: empty boxes left out, so the command shows only what was chosen. */
function connectBody(form: ConnectForm, container: string): Connect {
  const ipv4 = form.ipv4.trim();
  const aliases = form.aliases
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return { container, ...(ipv4 ? { ipv4 } : {}), ...(aliases.length ? { aliases } : {}) };
}

const BODY_FIELDS = { ipv4: 'ipv4', aliases: 'aliases' };
const DEFAULT_BRIDGE = 'the default bridge takes neither static IPs nor aliases: use a network you created';

/** The server's schema for the body, with what only the network can tell: a free address inside it, and the default bridge's limits. */
const connectFormSchema = ({ container, network, held }: ConnectContext) =>
  z.custom<ConnectForm>().transform((form, ctx) => {
    const body = connectBody(form, container);
    const parsed = connectSchema.safeParse(body);
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, BODY_FIELDS);
    // After the schema's own message: the first issue on a field is the one it shows.
    const wellFormed = !parsed.error?.issues.some((issue) => issue.path[0] === 'ipv4');
    const address = network && wellFormed ? addressError(body.ipv4 ?? '', network, held) : undefined;
    if (address) ctx.addIssue({ code: 'custom', path: ['ipv4'], message: address });
    if (network?.name === 'bridge' && network.driver === 'bridge') {
      if (body.ipv4) ctx.addIssue({ code: 'custom', path: ['ipv4'], message: DEFAULT_BRIDGE });
      if (body.aliases) ctx.addIssue({ code: 'custom', path: ['aliases'], message: DEFAULT_BRIDGE });
    }
    return parsed.success ? parsed.data : z.NEVER;
  });

const INITIAL: ConnectForm = { ipv4: '', aliases: '' };

export function ConnectDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'connect' }>>) {
  const fixedNetwork = topology.networks.find(byRef(request.networkId));
  const fixedContainer = topology.containers.find(byRef(request.containerId));

  // The pickers choose among what the map holds now, which the form's checks depend on: they stay outside the form.
  const [containerChoice, setContainerChoice] = useState<string | null>(null);
  const [networkChoice, setNetworkChoice] = useState<string | null>(null);

  const containers = topology.containers.filter((c) => connectable(c) && (!fixedNetwork || !isOn(c, fixedNetwork)));
  const container = fixedContainer ?? containers.find((c) => c.name === containerChoice) ?? containers[0];
  const networks = topology.networks.filter((n) => joinable(n) && (!container || !isOn(container, n)));
  const network = fixedNetwork ?? networks.find((n) => n.id === networkChoice) ?? networks[0];

  const context: ConnectContext = {
    container: container?.name ?? request.containerId ?? '',
    network,
    held: topology.containers.flatMap((c) =>
      c.endpoints.filter((e) => e.networkId === network?.id && e.ipv4).map((e) => ({ name: c.name, ipv4: e.ipv4 })),
    ),
  };
  const { values, field, valid, handleSubmit } = useSchemaForm(connectFormSchema, INITIAL, context);
  const action = useAction();

  const body = connectBody(values, context.container);
  const networkName = network?.name ?? request.networkId ?? '<network>';

  const submit = handleSubmit(async (connect) => {
    if (!network) return;
    const done = await action.run(() => api.connect(network.id, connect));
    if (done) onDone(done, `${connect.container} connected to ${network.name}`);
  });

  return (
    <Dialog
      title={
        fixedNetwork ? `Connect a container to ${fixedNetwork.name}` : fixedContainer ? `Connect ${fixedContainer.name} to a network` : 'Connect'
      }
      intro="Adds a network interface to a running container: it keeps its other networks and gets an address on this one too."
      command={connectCommand(networkName, body)}
      error={action.error}
      submitLabel="Connect"
      canSubmit={valid && Boolean(network && container)}
      pending={action.pending}
      onSubmit={() => void submit()}
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
        {...field('ipv4')}
        placeholder={network?.subnets[0] ? `optional, inside ${network.subnets[0].subnet}` : 'optional'}
        mono
        hint="Only on networks created with a subnet (--subnet); leave it empty and Docker picks a free address."
      />
      <TextField
        label="Aliases"
        {...field('aliases')}
        placeholder="optional, e.g. db, primary"
        mono
        hint="Extra names, comma separated: other containers on this network can reach it by any of them."
      />
    </Dialog>
  );
}
