'use client';

import type { ReactNode } from 'react';
import type { Container, Network, Service, Topology } from '../../lib/topology';
import { useActions } from './ActionsProvider';
import { api } from '../api/client';
import { Button } from '../ui/Button';

function Bar({ children }: { children: ReactNode }) {
  return (
    <div role="toolbar" aria-label="Actions" data-testid="selection-actions" className="flex flex-wrap gap-1.5">
      {children}
    </div>
  );
}

/** What can be done to a network from its panel. */
export function NetworkActions({ network, topology }: { network: Network; topology: Topology }) {
  const { readOnly, open, perform } = useActions();
  if (readOnly) return null;
  const attached = topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id));
  return (
    <Bar>
      <Button onClick={() => open({ kind: 'connect', networkId: network.id })}>Connect a container…</Button>
      <Button onClick={() => open({ kind: 'run-container', network: network.name })}>Run a container here…</Button>
      {attached.map((c) => (
        <Button
          key={c.id}
          onClick={() =>
            void perform(
              () => api.disconnect(network.id, { container: c.id }),
              `${c.name} left ${network.name}`,
              `could not disconnect ${c.name} from ${network.name}`,
            )
          }
        >
          Disconnect {c.name}
        </Button>
      ))}
      <Button
        variant="danger"
        disabled={network.predefined}
        title={network.predefined ? 'Docker creates this network itself: it cannot be removed.' : undefined}
        onClick={() => open({ kind: 'confirm-remove', target: 'network', id: network.id })}
      >
        Remove network…
      </Button>
    </Bar>
  );
}

/** What can be done to a container from its panel. */
export function ContainerActions({ container: c }: { container: Container }) {
  const { readOnly, open, perform } = useActions();
  if (readOnly) return null;
  const running = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
  const verb = (v: 'start' | 'stop' | 'restart', summary: string) => () =>
    void perform(() => api.containerLifecycle(c.id, v), summary, `could not ${v} ${c.name}`);
  return (
    <Bar>
      {running ? (
        <>
          <Button onClick={verb('stop', `${c.name} stopped`)}>Stop</Button>
          <Button onClick={verb('restart', `${c.name} restarted`)}>Restart</Button>
        </>
      ) : (
        <Button onClick={verb('start', `${c.name} started`)}>Start</Button>
      )}
      <Button onClick={() => open({ kind: 'connect', containerId: c.id })}>Connect to network…</Button>
      <Button onClick={() => open({ kind: 'map-ports', containerId: c.id })}>Map ports…</Button>
      <Button disabled={!running} onClick={() => open({ kind: 'probe', containerId: c.id })}>
        Probe…
      </Button>
      {c.endpoints
        .filter((e) => e.networkId)
        .map((e) => (
          <Button
            key={e.networkId}
            onClick={() =>
              void perform(
                () => api.disconnect(e.networkId, { container: c.id }),
                `${c.name} left ${e.networkName}`,
                `could not disconnect ${c.name} from ${e.networkName}`,
              )
            }
          >
            Disconnect from {e.networkName}
          </Button>
        ))}
      <Button variant="danger" onClick={() => open({ kind: 'confirm-remove', target: 'container', id: c.id })}>
        Remove…
      </Button>
    </Bar>
  );
}

/** What can be done to a swarm service from its panel: each opens a dialog that shows its `docker service` line first. */
export function ServiceActions({ service: s }: { service: Service }) {
  const { readOnly, open } = useActions();
  if (readOnly) return null;
  return (
    <Bar>
      {/* A global service runs one task on every node: there is no number to scale it to. */}
      {s.mode === 'replicated' && <Button onClick={() => open({ kind: 'scale-service', serviceId: s.id })}>Scale…</Button>}
      <Button onClick={() => open({ kind: 'publish-service-port', serviceId: s.id })}>Publish a port…</Button>
      {s.ports.map((p) => (
        <Button
          key={`${p.publishedPort}/${p.protocol}`}
          variant="danger"
          onClick={() =>
            open({
              kind: 'unpublish-service-port',
              serviceId: s.id,
              targetPort: p.targetPort,
              protocol: p.protocol === 'udp' ? 'udp' : p.protocol === 'sctp' ? 'sctp' : 'tcp',
            })
          }
        >
          Unpublish {p.publishedPort}/{p.protocol}…
        </Button>
      ))}
    </Bar>
  );
}
