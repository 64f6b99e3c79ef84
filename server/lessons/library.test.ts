import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLessons } from './library';

describe('the lesson library', () => {
  it('loads every built-in lesson without an error', () => {
    const { lessons, errors } = loadLessons();
    expect(errors).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual(['day47-networking-security', 'frontend-backend-isolation']);
    const day47 = lessons[0]!;
    expect(day47.steps.length).toBe(15);
    expect(day47.steps.every((s) => s.commands.length > 0)).toBe(true);
    expect(day47.steps[2]!.commands).toEqual(['docker run -d --name c1 busybox sleep 3600', 'docker run -d --name c2 busybox sleep 3600']);
  });

  it('runs the lessons with the test host image in place of busybox', () => {
    const { lessons } = loadLessons(undefined, { image: 'portolan/busybox:test' });
    expect(lessons[0]!.steps[2]!.commands[0]).toBe('docker run -d --name c1 portolan/busybox:test sleep 3600');
  });

  it('runs the private registry on the port the vars give, then pushes, removes and pulls back from it', () => {
    const { lessons } = loadLessons(undefined, { registry_port: '15000', registry_image: 'portolan/registry:test' });
    const [run, push, remove, pull] = lessons[0]!.steps.slice(-4);
    expect(run!.commands).toEqual(['docker run -d -p 127.0.0.1:15000:5000 --name registry portolan/registry:test']);
    expect(run!.done).toMatchObject({ container: { name: 'registry', publishes: { host: 15000, container: 5000 } } });
    expect(push!.commands).toEqual(['docker tag busybox 127.0.0.1:15000/lesson/busybox:1', 'docker push 127.0.0.1:15000/lesson/busybox:1']);
    const fromRegistry = { image: { name: '127.0.0.1:15000/lesson/busybox:1', registry: '127.0.0.1:15000', present: true } };
    expect(push!.done).toEqual(fromRegistry);
    expect(remove!.done).toEqual({ image: { name: '127.0.0.1:15000/lesson/busybox:1', present: false } });
    expect(pull!.commands).toEqual(['docker pull 127.0.0.1:15000/lesson/busybox:1']);
    expect(pull!.done).toEqual(fromRegistry);
  });

  it('publishes on the host port it is given, 8080 unless told otherwise', () => {
    const step = (lessons: ReturnType<typeof loadLessons>['lessons'], id: string) => lessons[0]!.steps.find((s) => s.id === id)!;
    expect(step(loadLessons().lessons, 'publish-a-port-and-fetch-it-from-the-host').commands[0]).toBe(
      'docker run -d --name web -p 127.0.0.1:8080:80 busybox httpd -f -p 80',
    );
    expect(loadLessons().lessons[0]!.steps.slice(-4)[0]!.commands[0]).toBe('docker run -d -p 127.0.0.1:5000:5000 --name registry registry:2');
    const publish = step(loadLessons(undefined, { web_port: '18080' }).lessons, 'publish-a-port-and-fetch-it-from-the-host');
    expect(publish.commands).toEqual(['docker run -d --name web -p 127.0.0.1:18080:80 busybox httpd -f -p 80', 'curl -s http://127.0.0.1:18080/']);
    expect(publish.text).toContain('`-p 127.0.0.1:18080:80` keeps it');
    expect(publish.done).toEqual({ container: { state: 'running', publishes: { host: 18080, container: 80 } } });
  });

  it('lists a broken file with what to fix and loads the others', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-lessons-'));
    try {
      fs.copyFileSync(fileURLToPath(new URL('../../lessons/frontend-backend-isolation.md', import.meta.url)), path.join(dir, 'good.md'));
      fs.writeFileSync(path.join(dir, 'bad.md'), '---\ntitle: Bad\nlevel: beginner\nduration: 1 min\n---\n## Only step\n```done\nvolume: {}\n```\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a lesson');
      const { lessons, errors } = loadLessons(dir);
      expect(lessons.map((l) => l.id)).toEqual(['good']);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.file).toBe(path.join(path.basename(dir), 'bad.md'));
      expect(errors[0]!.message).toMatch(/^step 1 "Only step": done: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the folder cannot be read', () => {
    const { lessons, errors } = loadLessons('/nonexistent/portolan-lessons');
    expect(lessons).toEqual([]);
    expect(errors[0]!.message).toMatch(/cannot read the lessons folder/);
  });
});
