import { describe, expect, it } from 'vitest';
import { sshArgs, sshFailure, type SshTarget } from './sshDial';

const target: SshTarget = { kind: 'ssh', host: '127.0.0.1', user: 'root', port: 2222 };

describe('sshArgs', () => {
  it("is the docker CLI's command line (ssh -o ConnectTimeout=30 -T -l user -p port -- host docker system dial-stdio), never prompting", () => {
    expect(sshArgs(target)).toEqual([
      '-o',
      'ConnectTimeout=30',
      '-o',
      'BatchMode=yes',
      '-o',
      'ServerAliveInterval=15',
      '-T',
      '-l',
      'root',
      '-p',
      '2222',
      '--',
      '127.0.0.1',
      'docker',
      'system',
      'dial-stdio',
    ]);
  });

  it('leaves user and port to ~/.ssh/config when the address has none, and hands a remote socket to docker --host', () => {
    expect(sshArgs({ kind: 'ssh', host: 'lab', socketPath: '/run/user/1000/docker.sock' }).slice(6)).toEqual([
      '-T',
      '--',
      'lab',
      'docker',
      '--host',
      'unix:///run/user/1000/docker.sock',
      'system',
      'dial-stdio',
    ]);
  });
});

describe('sshFailure', () => {
  it.each([
    [
      'root@127.0.0.1: Permission denied (publickey).\r\n',
      'ssh: root@127.0.0.1: Permission denied (publickey).',
      'The server accepted none of your keys.',
    ],
    [
      'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n',
      'ssh: Host key verification failed.',
      "Portolan never answers ssh's yes/no question: connect once yourself (ssh -p 2222 root@127.0.0.1)",
    ],
    [
      '@@@@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n@@@@@@@@@@@\r\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r\nHost key verification failed.\r\n',
      'ssh: Host key verification failed.',
      "The host's key is not in ~/.ssh/known_hosts, or has changed",
    ],
    [
      'ssh: Could not resolve hostname lab: Name or service not known\r\n',
      'ssh: Could not resolve hostname lab: Name or service not known',
      'HostName in ~/.ssh/config',
    ],
    [
      'ssh: connect to host 127.0.0.1 port 2222: Connection refused\r\n',
      'ssh: connect to host 127.0.0.1 port 2222: Connection refused',
      'No ssh server listens on 127.0.0.1 port 2222',
    ],
    ['bash: line 1: docker: command not found\n', 'ssh: bash: line 1: docker: command not found', 'that host has no docker command'],
    [
      'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: dial unix /var/run/docker.sock: connect: permission denied\n',
      'ssh: permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: dial unix /var/run/docker.sock: connect: permission denied',
      'add it to the docker group there',
    ],
  ])("keeps ssh's own words for %j and adds what to do", (stderr, message, hint) => {
    const err = sshFailure(stderr, 255, target);
    expect(err.code).toBe('ESSH');
    expect(err.message).toBe(message);
    expect(err.hint).toContain(hint);
  });

  it("keeps ssh's last line when it does not know the failure, and says how to try the same by hand", () => {
    const err = sshFailure('Warning: something\nkex_exchange_identification: read: Connection reset by peer\n', 255, target);
    expect(err.message).toBe('ssh: kex_exchange_identification: read: Connection reset by peer');
    expect(err.hint).toBe('Check that this works as the user who runs Portolan: ssh -p 2222 root@127.0.0.1 docker version');
    expect(sshFailure('', 1, target).message).toBe('ssh: ssh ended with exit code 1 and said nothing');
  });
});
