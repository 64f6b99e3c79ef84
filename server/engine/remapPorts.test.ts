import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { privileges } from './remapPorts';

// HostConfig as `docker inspect` shows it on Engine 20.10 for `docker create portolan/busybox:test`
// with the flags each case names (cgroup v1: the host cgroup namespace is the default).
const plain = {
  NetworkMode: 'default',
  IpcMode: 'private',
  PidMode: '',
  UTSMode: '',
  UsernsMode: '',
  CgroupnsMode: 'host',
  SecurityOpt: null,
  MaskedPaths: [
    '/proc/asound',
    '/proc/acpi',
    '/proc/kcore',
    '/proc/keys',
    '/proc/latency_stats',
    '/proc/timer_list',
    '/proc/timer_stats',
    '/proc/sched_debug',
    '/proc/scsi',
    '/sys/firmware',
  ],
  Binds: undefined,
  Mounts: undefined,
  Devices: [],
  DeviceCgroupRules: undefined,
  DeviceRequests: undefined,
  CapAdd: undefined,
  Privileged: false,
} as Dockerode.HostConfig;

describe('privileges', () => {
  it('finds none in a plain container, nor in the cgroup namespace Docker 20.10 gives every container on cgroup v1', () => {
    expect(privileges(plain)).toEqual([]);
  });

  it.each([
    ['--uts host', { UTSMode: 'host' }, 'the host UTS namespace'],
    ['--userns host', { UsernsMode: 'host' }, 'the host user namespace'],
    ['--ipc host', { IpcMode: 'host' }, 'the host IPC namespace'],
    ['--pid host', { PidMode: 'host' }, 'the host PID namespace'],
    ['--network host', { NetworkMode: 'host' }, 'the host network'],
    ['--pid container:db', { PidMode: 'container:8e00060f1709' }, 'the namespaces of another container'],
    ['--ipc container:db', { IpcMode: 'container:8e00060f1709' }, 'the namespaces of another container'],
    ['--network container:db', { NetworkMode: 'container:8e00060f1709' }, 'the namespaces of another container'],
    ['--security-opt seccomp=unconfined', { SecurityOpt: ['seccomp=unconfined'] }, 'no seccomp profile'],
    ['--security-opt seccomp:unconfined', { SecurityOpt: ['seccomp:unconfined'] }, 'no seccomp profile'],
    ['--security-opt apparmor=unconfined', { SecurityOpt: ['apparmor=unconfined'] }, 'no AppArmor profile'],
    ['--security-opt label=disable', { SecurityOpt: ['label=disable'] }, 'no SELinux labels'],
    ['--security-opt label:disable', { SecurityOpt: ['label:disable'] }, 'no SELinux labels'],
    ['--security-opt systempaths=unconfined', { SecurityOpt: [], MaskedPaths: [] }, 'unmasked /proc and /sys paths'],
    ['--privileged', { Privileged: true, MaskedPaths: null }, 'privileged'],
    ['--cap-add NET_ADMIN', { CapAdd: ['NET_ADMIN'] }, 'added capabilities'],
    ['-v /etc:/etc', { Binds: ['/etc:/etc'] }, 'host mounts'],
    ['--mount type=bind', { Mounts: [{ Type: 'bind', Source: '/etc', Target: '/x' }] }, 'host mounts'],
    [
      '--mount type=volume with o=bind',
      { Mounts: [{ Type: 'volume', Target: '/x', VolumeOptions: { DriverConfig: { Options: { device: '/etc', o: 'bind', type: 'none' } } } }] },
      'host mounts',
    ],
    ['--volumes-from db', { VolumesFrom: ['db'] }, 'volumes from another container'],
    ['--device /dev/kmsg', { Devices: [{ PathOnHost: '/dev/kmsg', PathInContainer: '/dev/kmsg', CgroupPermissions: 'rwm' }] }, 'devices'],
    ['--device-cgroup-rule', { DeviceCgroupRules: ['c *:* rwm'] }, 'devices'],
    ['--gpus all', { DeviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']] }] }, 'devices'],
  ])('refuses %s', (_flag, changes, named) => {
    expect(privileges({ ...plain, ...changes } as Dockerode.HostConfig)).toContain(named);
  });

  it('refuses a container on the host network given by its id, which the Engine keeps as its network mode', () => {
    expect(privileges({ ...plain, NetworkMode: '477890b3b61a' }, ['host'])).toContain('the host network');
  });

  it.each([
    ['--security-opt no-new-privileges', { SecurityOpt: ['no-new-privileges'] }],
    ['--security-opt seccomp=<a profile>', { SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ERRNO"}'] }],
    ['--mount type=volume', { Mounts: [{ Type: 'volume', Source: 'data', Target: '/data' }] }],
    ['--mount type=tmpfs', { Mounts: [{ Type: 'tmpfs', Target: '/tmp' }] }],
    ['--ipc shareable', { IpcMode: 'shareable' }],
    ['--network none', { NetworkMode: 'none' }],
    ['--userns private (a remapped daemon)', { UsernsMode: '' }],
  ])('lets %s pass: it grants nothing', (_flag, changes) => {
    expect(privileges({ ...plain, ...changes } as Dockerode.HostConfig)).toEqual([]);
  });
});
