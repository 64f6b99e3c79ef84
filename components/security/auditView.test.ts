import { describe, expect, it } from 'vitest';
import type { ContainerAudit, Finding } from '../../lib/audit';
import { ageOf, averageScore, bySizeDesc, compareRules, filterAudits, groupByRule, megabytes, NO_FILTER, ruleTitle, rulesOf } from './auditView';

const finding = (rule: string, severity: Finding['severity'], title = `rule ${rule}`): Finding => ({ rule, severity, title, why: '', fix: '' });
const audits: ContainerAudit[] = [
  { id: '1', name: 'api', score: 82, findings: [finding('4.1', 'medium'), finding('5.11', 'low'), finding('5.13', 'low')] },
  { id: '2', name: 'db', score: 92, findings: [finding('5.11', 'low'), finding('5.13', 'low')] },
  { id: '3', name: 'edge', score: 100, findings: [] },
  { id: '4', name: 'tools', score: 60, findings: [finding('5.4', 'high', 'Adds capabilities: NET_ADMIN'), finding('latest-tag', 'low')] },
];

describe('filterAudits', () => {
  it('keeps every container and finding without a filter, remembering how many findings there were', () => {
    const rows = filterAudits(audits, NO_FILTER);
    expect(rows.map((r) => [r.name, r.findings.length, r.total])).toEqual([
      ['api', 3, 3],
      ['db', 2, 2],
      ['edge', 0, 0],
      ['tools', 2, 2],
    ]);
  });

  it('narrows findings by severity and rule, and hides rows left empty only when asked', () => {
    const medium = filterAudits(audits, { ...NO_FILTER, severities: ['medium'] });
    expect(medium.map((r) => r.findings.map((f) => f.rule))).toEqual([['4.1'], [], [], []]);
    const rootOnly = filterAudits(audits, { ...NO_FILTER, rule: '4.1', onlyWithFindings: true });
    expect(rootOnly.map((r) => r.name)).toEqual(['api']);
  });

  it('matches container names case-insensitively', () => {
    expect(filterAudits(audits, { ...NO_FILTER, query: ' DB ' }).map((r) => r.name)).toEqual(['db']);
  });
});

describe('groupByRule', () => {
  it('lists each rule once with its containers, most severe and most common first', () => {
    expect(groupByRule(audits).map((g) => [g.rule, g.severity, g.containers])).toEqual([
      ['5.4', 'high', ['tools']],
      ['4.1', 'medium', ['api']],
      ['5.11', 'low', ['api', 'db']],
      ['5.13', 'low', ['api', 'db']],
      ['latest-tag', 'low', ['tools']],
    ]);
  });

  it('titles a rule without the specifics of one container', () => {
    expect(groupByRule(audits)[0]?.title).toBe('Adds capabilities');
    expect(ruleTitle({ title: "Shares the host's IPC namespace" })).toBe("Shares the host's IPC namespace");
  });
});

describe('rule order', () => {
  it('sorts CIS ids numerically and named checks last', () => {
    expect(['5.14', 'latest-tag', '5.4', '4.1', '5.32'].sort(compareRules)).toEqual(['4.1', '5.4', '5.14', '5.32', 'latest-tag']);
    expect(rulesOf(audits)).toEqual(['4.1', '5.4', '5.11', '5.13', 'latest-tag']);
  });
});

describe('numbers for people', () => {
  it('averages scores to a whole number, and has none for no containers', () => {
    expect(averageScore(audits)).toBe(84);
    expect(averageScore([])).toBeNull();
  });

  it('writes sizes in the docker CLI’s megabytes', () => {
    expect(megabytes(1984257)).toBe('1.98 MB');
    expect(megabytes(72_800_000)).toBe('72.8 MB');
    expect(megabytes(1_234_000_000)).toBe('1,234 MB');
  });

  it('writes ages in the largest whole unit', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(ageOf('2026-03-07T11:00:00Z', now)).toBe('3 days old');
    expect(ageOf('2026-03-10T11:00:00Z', now)).toBe('1 hour old');
    expect(ageOf('2026-03-10T11:59:30Z', now)).toBe('under a minute old');
    expect(ageOf('2024-01-01T00:00:00Z', now)).toBe('2 years old');
  });

  it('orders images largest first', () => {
    const image = (id: string, size: number) => ({ id, tags: [`${id}:1`], size, registry: 'local only', createdAt: '', containers: 0, unused: true });
    expect(bySizeDesc([image('a', 5), image('b', 50), image('c', 10)]).map((i) => i.id)).toEqual(['b', 'c', 'a']);
  });
});
