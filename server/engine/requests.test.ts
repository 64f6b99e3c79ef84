import { describe, expect, it } from 'vitest';
import { operationOf, outcomeOf } from './requests';

describe('operationOf', () => {
  it('leaves ids and names out of the path, so the label comes from a short list', () => {
    expect(operationOf('GET', '/containers/3f2a9c/json?size=false')).toBe('GET /containers/{id}/json');
    expect(operationOf('get', '/v1.41/networks/ptl-net')).toBe('GET /networks/{id}');
    expect(operationOf('POST', '/networks/abc/connect')).toBe('POST /networks/{id}/connect');
    expect(operationOf('GET', '/services/web')).toBe('GET /services/{id}');
    expect(operationOf('GET', '/nodes/n1')).toBe('GET /nodes/{id}');
  });

  it('keeps the verbs that sit where an id would', () => {
    expect(operationOf('GET', '/containers/json?all=true')).toBe('GET /containers/json');
    expect(operationOf('POST', '/containers/create?name=x')).toBe('POST /containers/create');
    expect(operationOf('POST', '/networks/create')).toBe('POST /networks/create');
    expect(operationOf('POST', '/networks/prune')).toBe('POST /networks/prune');
    expect(operationOf('GET', '/networks')).toBe('GET /networks');
    expect(operationOf('GET', '/events?filters=%7B%7D')).toBe('GET /events');
    expect(operationOf('GET', '/_ping')).toBe('GET /_ping');
  });

  it('takes everything between /images/ and the verb as the image’s name, slashes and all', () => {
    expect(operationOf('GET', '/images/portolan/busybox:test/json')).toBe('GET /images/{name}/json');
    expect(operationOf('POST', '/images/localhost:5000/team/app/push?tag=1')).toBe('POST /images/{name}/push');
    expect(operationOf('DELETE', '/images/portolan/busybox:test')).toBe('DELETE /images/{name}');
    expect(operationOf('GET', '/images/json')).toBe('GET /images/json');
    expect(operationOf('POST', '/images/create?fromImage=x')).toBe('POST /images/create');
  });
});

describe('outcomeOf', () => {
  it('says ok, the Engine’s status, or unreachable', () => {
    expect(outcomeOf(null)).toBe('ok');
    expect(outcomeOf(Object.assign(new Error('no such network'), { statusCode: 404 }))).toBe('404');
    expect(outcomeOf(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }))).toBe('unreachable');
  });
});
