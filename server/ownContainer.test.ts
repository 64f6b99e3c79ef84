import { describe, expect, it } from 'vitest';
import { containerIdFromMountInfo } from './ownContainer';

const ID = '252d938995fcac2f1c868d89861c8cd9118db2089f0a19c794d689e3f3e332ca';
/** /proc/self/mountinfo in a container Docker 20.10 started (busybox, trimmed). */
const IN_CONTAINER = [
  '93 71 0:56 / / rw,relatime master:40 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X',
  '94 93 0:59 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw',
  `111 93 254:0 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw`,
  `112 93 254:0 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw`,
  `113 93 254:0 /var/lib/docker/containers/${ID}/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw`,
].join('\n');

describe('containerIdFromMountInfo', () => {
  it("finds the id in the source of the container's /etc/hostname", () => {
    expect(containerIdFromMountInfo(IN_CONTAINER)).toBe(ID);
  });

  it('finds it under another data root (a second engine, --data-root)', () => {
    expect(
      containerIdFromMountInfo(`7 1 254:0 /var/lib/portolan-engines/26.1/docker/containers/${ID}/hostname /etc/hostname rw - ext4 /dev/vda rw`),
    ).toBe(ID);
  });

  it('is null on a host, and for an id-shaped path mounted anywhere but /etc/hostname', () => {
    expect(containerIdFromMountInfo('21 26 0:20 / /proc rw,relatime - proc proc rw\n22 26 0:21 / /sys rw,relatime - sysfs sysfs rw')).toBeNull();
    expect(containerIdFromMountInfo(`9 1 254:0 /var/lib/docker/containers/${ID}/hostname /mnt/hostname rw - ext4 /dev/vda rw`)).toBeNull();
    expect(containerIdFromMountInfo('')).toBeNull();
  });
});
