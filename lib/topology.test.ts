import { describe, expect, it } from 'vitest';
import { findByRef, isExposed, isLoopbackBinding, isRoot } from './topology';

describe('isExposed', () => {
  it('calls bindings on every IPv4 or IPv6 interface exposed', () => {
    expect(isExposed({ hostIp: '0.0.0.0' })).toBe(true);
    expect(isExposed({ hostIp: '::' })).toBe(true);
    expect(isExposed({ hostIp: '' })).toBe(true);
  });

  it('does not call loopback bindings exposed', () => {
    expect(isExposed({ hostIp: '127.0.0.1' })).toBe(false);
    expect(isExposed({ hostIp: '::1' })).toBe(false);
  });
});

describe('isRoot', () => {
  it.each(['', '0', 'root', '0:0', 'root:root'])('treats user %j as root', (user) => {
    expect(isRoot({ user })).toBe(true);
  });

  it.each(['1000', 'nobody', '1000:0', 'node'])('treats user %j as not root', (user) => {
    expect(isRoot({ user })).toBe(false);
  });
});

describe('isLoopbackBinding', () => {
  it('calls 127.0.0.0/8 and ::1 loopback, and nothing else', () => {
    expect(isLoopbackBinding({ hostIp: '127.0.0.1' })).toBe(true);
    expect(isLoopbackBinding({ hostIp: '127.1.2.3' })).toBe(true);
    expect(isLoopbackBinding({ hostIp: '::1' })).toBe(true);
    expect(isLoopbackBinding({ hostIp: '0.0.0.0' })).toBe(false);
    expect(isLoopbackBinding({ hostIp: '192.168.1.5' })).toBe(false);
  });
});

describe('findByRef', () => {
  const items = [
    { id: 'db5e8a0f', name: 'bridge' },
    { id: '0f12aa', name: 'db' },
  ];

  it('takes a name before an id prefix, as the Engine does', () => {
    expect(findByRef(items, 'db')?.name).toBe('db');
    expect(findByRef(items, 'db5e')?.name).toBe('bridge');
    expect(findByRef(items, 'nothing')).toBeUndefined();
  });
});
