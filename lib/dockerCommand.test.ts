import { describe, expect, it } from 'vitest';
import { onEngine } from './dockerCommand';

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
