import type { ContainerAudit, Finding, Severity } from '../../lib/audit';
import type { ImageSummary } from '../../lib/images';

export type { ImageSummary };

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export interface AuditFilter {
  severities: readonly Severity[];
  /** A rule id, or "" for every rule. */
  rule: string;
  /** Part of a container name. */
  query: string;
  onlyWithFindings: boolean;
}

export const NO_FILTER: AuditFilter = { severities: SEVERITIES, rule: '', query: '', onlyWithFindings: false };

/** One container as the lens shows it: the findings the filter keeps, out of how many. */
export interface AuditRow extends ContainerAudit {
  total: number;
}

export function filterAudits(audits: readonly ContainerAudit[], filter: AuditFilter): AuditRow[] {
  const query = filter.query.trim().toLowerCase();
  return audits
    .filter((a) => a.name.toLowerCase().includes(query))
    .map((a) => ({
      ...a,
      total: a.findings.length,
      findings: a.findings.filter((f) => filter.severities.includes(f.severity) && (!filter.rule || f.rule === filter.rule)),
    }))
    .filter((a) => !filter.onlyWithFindings || a.findings.length > 0);
}

export interface RuleGroup {
  rule: string;
  title: string;
  severity: Severity;
  containers: string[];
}

/** Findings turned around: each rule with the containers that break it, most severe and most common first. */
export function groupByRule(audits: readonly ContainerAudit[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const a of audits) {
    for (const f of a.findings) {
      const group = groups.get(f.rule) ?? { rule: f.rule, title: ruleTitle(f), severity: f.severity, containers: [] };
      if (!group.containers.includes(a.name)) group.containers.push(a.name);
      groups.set(f.rule, group);
    }
  }
  return [...groups.values()].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || b.containers.length - a.containers.length || compareRules(a.rule, b.rule),
  );
}

/** Every rule id seen, in benchmark order, CIS ids before named checks. */
export function rulesOf(audits: readonly ContainerAudit[]): string[] {
  return [...new Set(audits.flatMap((a) => a.findings.map((f) => f.rule)))].sort(compareRules);
}

/** Titles name the specifics after a colon ("Adds capabilities: NET_ADMIN"); the part before it names the rule. */
export function ruleTitle(f: Pick<Finding, 'title'>): string {
  return f.title.split(': ')[0] ?? f.title;
}

/** The CIS Docker Benchmark id, or null for checks CIS lacks (named like `latest-tag`). */
export function cisId(rule: string): string | null {
  return /^\d+(\.\d+)*$/.test(rule) ? rule : null;
}

export function compareRules(a: string, b: string): number {
  const [ca, cb] = [cisId(a), cisId(b)];
  if (ca && cb) {
    const [pa, pb] = [ca.split('.').map(Number), cb.split('.').map(Number)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
    return 0;
  }
  if (ca || cb) return ca ? -1 : 1;
  return a.localeCompare(b);
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function averageScore(audits: readonly Pick<ContainerAudit, 'score'>[]): number | null {
  return audits.length ? Math.round(audits.reduce((sum, a) => sum + a.score, 0) / audits.length) : null;
}

export type ScoreTone = 'good' | 'fair' | 'poor';

export function scoreTone(score: number): ScoreTone {
  return score >= 90 ? 'good' : score >= 70 ? 'fair' : 'poor';
}

/** Largest first: the images worth slimming or removing lead. */
export function bySizeDesc(images: readonly ImageSummary[]): ImageSummary[] {
  return [...images].sort((a, b) => b.size - a.size || imageLabel(a).localeCompare(imageLabel(b)));
}

export function imageLabel(i: Pick<ImageSummary, 'id' | 'tags'>): string {
  return i.tags[0] ?? `<none> ${i.id.replace(/^sha256:/, '').slice(0, 12)}`;
}

/** Megabytes as the docker CLI counts them (10⁶ bytes), with the precision a bar label needs. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb.toLocaleString('en', { maximumFractionDigits: mb < 10 ? 2 : mb < 100 ? 1 : 0 })} MB`;
}

const AGES: [unit: string, seconds: number][] = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days old", counted from `now`. */
export function ageOf(createdAt: string, now: number): string {
  const seconds = (now - new Date(createdAt).getTime()) / 1000;
  if (!Number.isFinite(seconds)) return 'age unknown';
  for (const [unit, length] of AGES) {
    const n = Math.floor(seconds / length);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} old`;
  }
  return 'under a minute old';
}
