import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { ContainerSecurity } from '../../lib/audit';
import { toSecurity } from './mapping';

// Fixtures are what `docker inspect` returns on Engine 20.10 (API 1.41) for the `docker run` flags each test names.

const ID = 'ae3fa43929b1f533924d8c351230d4021a775922640455e141a93bbaf0f0e758';

interface Overrides {
  Name?: string;
  Config?: object;
  HostConfig?: object;
  Mounts?: object[];
  Ports?: object;
}

/** `docker run -d --name web portolan/busybox:test sleep 1000000`, changed where a test says. */
function inspected({ Name = '/web', Config = {}, HostConfig = {}, Mounts = [], Ports = {} }: Overrides = {}): Dockerode.ContainerInspectInfo {
  return {
    Id: ID,
    Name,
    Created: '2024-06-11T08:30:00.000000001Z',
    Image: 'sha256:14e967a72840a6f3cea3e6d6001e2b75483b587e5d903a472a7ba93f624a542d',
    State: {
      Status: 'running',
      Running: true,
      Paused: false,
      Restarting: false,
      ExitCode: 0,
      StartedAt: '2024-06-11T08:30:01Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    Config: {
      Hostname: 'ae3fa43929b1',
      User: '',
      Env: ['PATH=/bin'],
      Cmd: ['sleep', '1000000'],
      Image: 'portolan/busybox:test',
      Volumes: null,
      Entrypoint: null,
      Labels: {},
      ...Config,
    },
    HostConfig: {
      Binds: null,
      NetworkMode: 'default',
      PortBindings: {},
      CapAdd: null,
      CapDrop: null,
      IpcMode: 'private',
      PidMode: '',
      Privileged: false,
      PublishAllPorts: false,
      ReadonlyRootfs: false,
      ShmSize: 67108864,
      Memory: 0,
      MemoryReservation: 0,
      MemorySwap: 0,
      ...HostConfig,
    },
    Mounts,
    NetworkSettings: {
      Ports,
      Networks: {
        bridge: {
          NetworkID: '6869b32811d3e1285a89bd02cbc56c0b4f865e83e17f9ba9496aeed7942995d5',
          IPAddress: '172.17.0.2',
          MacAddress: '02:42:ac:11:00:02',
        },
      },
    },
  } as unknown as Dockerode.ContainerInspectInfo;
}

describe('toSecurity', () => {
  it('maps a plain `docker run` to root, no limits, writable, default namespaces and no ports', () => {
    expect(toSecurity(inspected())).toEqual<ContainerSecurity>({
      id: ID,
      name: 'web',
      image: 'portolan/busybox:test',
      user: '',
      privileged: false,
      capAdd: [],
      capDrop: [],
      noNewPrivileges: false,
      mounts: [],
      networkMode: 'default',
      memory: 0,
      readonlyRootfs: false,
      ports: [],
      pidMode: '',
      ipcMode: 'private',
    });
  });

  it('maps --user, --read-only and --memory 64m', () => {
    const security = toSecurity(
      inspected({ Config: { User: '1009:1009' }, HostConfig: { ReadonlyRootfs: true, Memory: 67108864, MemorySwap: 134217728 } }),
    );
    expect(security).toMatchObject({ user: '1009:1009', readonlyRootfs: true, memory: 64 * 1024 * 1024 });
  });

  it('maps --privileged and the --cap-add list as the Engine names it', () => {
    const security = toSecurity(inspected({ HostConfig: { Privileged: true, CapAdd: ['CAP_NET_ADMIN', 'CAP_SYS_TIME'] } }));
    expect(security).toMatchObject({ privileged: true, capAdd: ['CAP_NET_ADMIN', 'CAP_SYS_TIME'] });
  });

  it('maps --cap-drop and no-new-privileges in each spelling the Engine accepts', () => {
    expect(toSecurity(inspected({ HostConfig: { CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges:true'] } }))).toMatchObject({
      capDrop: ['ALL'],
      noNewPrivileges: true,
    });
    const nnp = (opt: string) => toSecurity(inspected({ HostConfig: { SecurityOpt: ['label=disable', opt] } })).noNewPrivileges;
    for (const opt of ['no-new-privileges', 'no-new-privileges=true', 'no-new-privileges:1']) expect(nnp(opt), opt).toBe(true);
    for (const opt of ['no-new-privileges:false', 'no-new-privileges=0', 'seccomp=unconfined']) expect(nnp(opt), opt).toBe(false);
  });

  it('maps --pid host, --ipc host and --network host', () => {
    const security = toSecurity(inspected({ HostConfig: { PidMode: 'host', IpcMode: 'host', NetworkMode: 'host' } }));
    expect(security).toMatchObject({ pidMode: 'host', ipcMode: 'host', networkMode: 'host' });
  });

  it('maps --network <the host network id> as the host network: the Engine keeps the id as the mode, and the container on the host stack', () => {
    const raw = inspected({ HostConfig: { NetworkMode: '477890b3b61a' } });
    raw.NetworkSettings.Networks = {
      host: { NetworkID: '477890b3b61ad81e52f1251f952614e41d13eff2a8a7e2771cd19adbb69f9708', IPAddress: '' },
    } as never;
    expect(toSecurity(raw).networkMode).toBe('host');
  });

  it('maps binds, the docker socket, volumes and tmpfs from Mounts with their type, and read-only from RW', () => {
    const security = toSecurity(
      inspected({
        HostConfig: { Binds: ['/etc:/host-etc:ro', '/var/run/docker.sock:/var/run/docker.sock', 'data:/data'], Tmpfs: { '/tmp': '' } },
        Mounts: [
          { Type: 'bind', Source: '/etc', Destination: '/host-etc', Mode: 'ro', RW: false, Propagation: 'rprivate' },
          { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', Mode: '', RW: true, Propagation: 'rprivate' },
          {
            Type: 'volume',
            Name: 'data',
            Source: '/var/lib/docker/volumes/data/_data',
            Destination: '/data',
            Driver: 'local',
            Mode: 'z',
            RW: true,
            Propagation: '',
          },
        ],
      }),
    );
    expect(security.mounts).toEqual([
      { type: 'bind', source: '/etc', destination: '/host-etc', readOnly: true },
      { type: 'bind', source: '/var/run/docker.sock', destination: '/var/run/docker.sock', readOnly: false },
      { type: 'volume', source: '/var/lib/docker/volumes/data/_data', destination: '/data', readOnly: false },
    ]);
  });

  it('maps null Mounts and CapAdd to empty lists', () => {
    expect(toSecurity(inspected({ Mounts: null as unknown as object[], HostConfig: { CapAdd: null } }))).toMatchObject({ mounts: [], capAdd: [] });
  });

  it('maps configured port bindings, keeping the empty HostIp of `-p 8082:82`, sorted by container port', () => {
    const security = toSecurity(
      inspected({
        HostConfig: {
          PortBindings: {
            '82/tcp': [{ HostIp: '', HostPort: '18082' }],
            '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '18080' }],
            '81/udp': [{ HostIp: '127.0.0.1', HostPort: '18081' }],
            '443/tcp': [{ HostIp: '::', HostPort: '18443' }],
          },
        },
        Ports: {
          '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '18080' }],
          '81/udp': [{ HostIp: '127.0.0.1', HostPort: '18081' }],
          '82/tcp': [
            { HostIp: '0.0.0.0', HostPort: '18082' },
            { HostIp: '::', HostPort: '18082' },
          ],
          '443/tcp': [{ HostIp: '::', HostPort: '18443' }],
        },
      }),
    );
    expect(security.ports).toEqual([
      { hostIp: '0.0.0.0', hostPort: 18080, containerPort: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 18081, containerPort: 81, protocol: 'udp' },
      { hostIp: '', hostPort: 18082, containerPort: 82, protocol: 'tcp' },
      { hostIp: '::', hostPort: 18443, containerPort: 443, protocol: 'tcp' },
    ]);
  });

  it('keeps the configured bindings of a stopped container, whose NetworkSettings.Ports is empty', () => {
    const security = toSecurity(inspected({ HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '18080' }] } }, Ports: {} }));
    expect(security.ports).toEqual([{ hostIp: '0.0.0.0', hostPort: 18080, containerPort: 80, protocol: 'tcp' }]);
  });

  it('maps `-p 80` (a host port the Engine picks) to port 0 on all interfaces', () => {
    const security = toSecurity(
      inspected({
        Config: { ExposedPorts: { '80/tcp': {} } },
        HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '' }] } },
        Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '32768' }] },
      }),
    );
    expect(security.ports).toEqual([{ hostIp: '', hostPort: 0, containerPort: 80, protocol: 'tcp' }]);
  });

  it('maps `-P` to every exposed port on all interfaces, except those bound with -p', () => {
    const security = toSecurity(
      inspected({
        Config: { ExposedPorts: { '80/tcp': {}, '53/udp': {}, '443/tcp': {} } },
        HostConfig: { PublishAllPorts: true, PortBindings: { '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }] } },
        Ports: {
          '53/udp': [{ HostIp: '0.0.0.0', HostPort: '32770' }],
          '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '32769' }],
          '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }],
        },
      }),
    );
    expect(security.ports).toEqual([
      { hostIp: '', hostPort: 0, containerPort: 53, protocol: 'udp' },
      { hostIp: '', hostPort: 0, containerPort: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 8443, containerPort: 443, protocol: 'tcp' },
    ]);
  });

  it('maps exposed ports without -P to no bindings', () => {
    expect(toSecurity(inspected({ Config: { ExposedPorts: { '80/tcp': {} } } })).ports).toEqual([]);
  });

  it('reads the image as the container was created from it, not the resolved image id', () => {
    expect(toSecurity(inspected({ Config: { Image: 'nginx' } })).image).toBe('nginx');
  });

  it('removes only the leading "/" from the name', () => {
    expect(toSecurity(inspected({ Name: '/web/1' })).name).toBe('web/1');
  });

  it('does not share the cap-add list with the raw document', () => {
    const raw = inspected({ HostConfig: { CapAdd: ['CAP_NET_ADMIN'] } });
    toSecurity(raw).capAdd.push('CAP_SYS_ADMIN');
    expect(raw.HostConfig.CapAdd).toEqual(['CAP_NET_ADMIN']);
  });
});
