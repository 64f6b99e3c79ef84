import { describe, expect, it } from 'vitest';
import { networkCreateCommand, onEngine, servicePublishCommand, serviceScaleCommand, serviceUnpublishCommand } from './dockerCommand';

describe('networkCreateCommand', () => {
  it('writes an encrypted overlay as the CLI takes it: --opt encrypted, with no value', () => {
    expect(
      networkCreateCommand({ name: 'secure', driver: 'overlay', attachable: true, internal: true, encrypted: true, subnet: '10.40.0.0/24' }),
    ).toBe('docker network create --driver overlay --subnet 10.40.0.0/24 --internal --attachable --opt encrypted secure');
  });
});

describe('service commands', () => {
  it('scale names the service and its replicas as one word', () => {
    expect(serviceScaleCommand('web', 5)).toBe('docker service scale web=5');
  });

  it('publish writes every key, the mode included, and leaves published out when the swarm picks it', () => {
    expect(servicePublishCommand('web', { publishedPort: 8080, targetPort: 80, protocol: 'tcp', publishMode: 'ingress' })).toBe(
      'docker service update --publish-add published=8080,target=80,protocol=tcp,mode=ingress web',
    );
    expect(servicePublishCommand('web', { targetPort: 53, protocol: 'udp', publishMode: 'host' })).toBe(
      'docker service update --publish-add target=53,protocol=udp,mode=host web',
    );
  });

  it('unpublish names the port by its target, with the protocol only when not tcp', () => {
    expect(serviceUnpublishCommand('web', { targetPort: 80, protocol: 'tcp' })).toBe('docker service update --publish-rm 80 web');
    expect(serviceUnpublishCommand('web', { targetPort: 53, protocol: 'udp' })).toBe('docker service update --publish-rm 53/udp web');
  });
});

describe('onEngine', () => {
  it('aims every docker a command runs at the engine, and nothing else', () => {
    expect(onEngine('docker network create --driver bridge web', 'ssh://me@lab')).toBe('docker -H ssh://me@lab network create --driver bridge web');
    expect(onEngine('docker rm -f web && docker run -d --name web busybox', 'tcp://10.0.0.5:2376')).toBe(
      'docker -H tcp://10.0.0.5:2376 rm -f web && docker -H tcp://10.0.0.5:2376 run -d --name web busybox',
    );
    expect(onEngine('docker rm a\ndocker network rm n', 'unix:///run/lab.sock')).toBe(
      'docker -H unix:///run/lab.sock rm a\ndocker -H unix:///run/lab.sock network rm n',
    );
    // A word that merely contains "docker" is left alone, and so is a command already aimed.
    expect(onEngine('docker run --name my-docker busybox echo docker ok', 'unix:///x.sock')).toBe(
      'docker -H unix:///x.sock run --name my-docker busybox echo docker ok',
    );
    expect(onEngine('docker -H unix:///y.sock ps', 'unix:///x.sock')).toBe('docker -H unix:///y.sock ps');
  });

  it('quotes an endpoint the shell would split', () => {
    expect(onEngine('docker ps', 'unix:///tmp/my engine.sock')).toBe("docker -H 'unix:///tmp/my engine.sock' ps");
  });

  it('puts the words the server names after every docker of a multi-command line: pipes, $(…), backquotes, || and ;', () => {
    const context = ['--context', 'lab'];
    expect(onEngine("docker exec web ping -c 1 $(docker inspect -f '{{.NetworkSettings.IPAddress}}' db)", context)).toBe(
      "docker --context lab exec web ping -c 1 $(docker --context lab inspect -f '{{.NetworkSettings.IPAddress}}' db)",
    );
    expect(onEngine('docker ps -q | docker inspect -f x; docker rm a || docker rm b', context)).toBe(
      'docker --context lab ps -q | docker --context lab inspect -f x; docker --context lab rm a || docker --context lab rm b',
    );
    expect(onEngine('docker ps -q|docker rm `docker ps -aq`', context)).toBe(
      'docker --context lab ps -q|docker --context lab rm `docker --context lab ps -aq`',
    );
    expect(onEngine('docker stop web\n  docker run -d busybox   # same image', context)).toBe(
      'docker --context lab stop web\n  docker --context lab run -d busybox   # same image',
    );
  });

  it('spells out TLS as `docker --tlsverify` takes it, quoting a path the shell would split', () => {
    const tls = [
      '-H',
      'tcp://10.0.0.5:2376',
      '--tlsverify',
      '--tlscacert',
      '/certs/lab/ca.pem',
      '--tlscert',
      '/certs/lab/cert.pem',
      '--tlskey',
      '/my certs/key.pem',
    ];
    expect(onEngine('docker network ls', tls)).toBe(
      "docker -H tcp://10.0.0.5:2376 --tlsverify --tlscacert /certs/lab/ca.pem --tlscert /certs/lab/cert.pem --tlskey '/my certs/key.pem' network ls",
    );
  });

  it('leaves a docker already aimed by -H, --host, -c or --context, words that merely contain docker, and an empty aim', () => {
    const context = ['--context', 'lab'];
    for (const aimed of ['docker --context other ps', 'docker -c other ps', 'docker --host=unix:///y.sock ps', 'docker --host unix:///y.sock ps'])
      expect(onEngine(aimed, context)).toBe(aimed);
    expect(onEngine('echo docker-compose; mydocker ps; docker', context)).toBe('echo docker-compose; mydocker ps; docker');
    expect(onEngine('docker ps', [])).toBe('docker ps');
  });
});
