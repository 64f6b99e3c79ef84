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
});
