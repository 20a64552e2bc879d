// The alert rules and the Grafana dashboard the chart ships: every expression is valid PromQL (parsed by
// Prometheus' own grammar) and every metric it reads is one the platform's code declares, so a renamed
// metric fails here rather than as a silent, empty panel.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { chartsDir, ofKind, PLATFORM_CHART, render, valuesFile } from './helm.js';

const repo = join(chartsDir, '..');

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}
const rules = (
  parse(readFileSync(join(PLATFORM_CHART, 'rules/alerts.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((g) => g.rules);
const dashboard = JSON.parse(readFileSync(join(PLATFORM_CHART, 'dashboards/dangjian.json'), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};
const expressions = [
  ...rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr })),
  ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `panel ${p.title}`, expr: t.expr }))),
];

function promql(expr: string): { errors: number; metrics: string[] } {
  const tree = parser.parse(expr);
  let errors = 0;
  const metrics: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors += 1;
      if (node.type.name === 'Identifier' && node.node.parent?.type.name === 'VectorSelector')
        metrics.push(expr.slice(node.from, node.to));
    },
  });
  return { errors, metrics };
}

/** The Prometheus names of the metrics the code declares (libs/kit/src/telemetry/metrics.ts and its callers). */
function declaredMetrics(): Set<string> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (['node_modules', 'dist', 'generated', 'test'].includes(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) files.push(path);
    }
  };
  for (const dir of ['libs/kit/src', 'gateway/src', 'services']) walk(join(repo, dir));
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // Gauges declared alone (observeGauge('…')) or together (observeGauges([{ name: '…' }, …])).
    for (const match of text.matchAll(/\bname: '(dangjian\.[a-z_.]+)'/g))
      names.add(match[1]!.replace(/\./g, '_'));
    for (const match of text.matchAll(
      /(histogram|counter|addToCounter|observeGauge)\(\s*'(dangjian\.[a-z_.]+)'/g,
    )) {
      const base = match[2]!.replace(/\./g, '_');
      if (match[1] === 'histogram')
        for (const suffix of ['_bucket', '_count', '_sum']) names.add(base + suffix);
      else if (match[1] === 'observeGauge') names.add(base);
      else names.add(`${base}_total`);
    }
  }
  return names;
}

describe('alert rules and dashboard', () => {
  it('are valid PromQL', () => {
    expect(expressions.length).toBeGreaterThan(15);
    const broken = expressions.filter((e) => promql(e.expr).errors > 0).map((e) => e.where);
    expect(broken).toEqual([]);
  });

  it('read only metrics the code declares', () => {
    const declared = declaredMetrics();
    expect(declared).toContain('dangjian_http_server_duration_bucket');
    expect(declared).toContain('dangjian_outbox_oldest_age');
    const unknown = expressions.flatMap((e) =>
      promql(e.expr)
        .metrics.filter((m) => !declared.has(m))
        .map((m) => `${e.where}: ${m}`),
    );
    expect(unknown).toEqual([]);
  });

  it('cover the request errors and latency, timeouts and every backlog', () => {
    const read = new Set(expressions.flatMap((e) => promql(e.expr).metrics));
    for (const metric of [
      'dangjian_http_server_duration_count',
      'dangjian_http_server_duration_bucket',
      'dangjian_rpc_client_timeouts_total',
      'dangjian_events_consumer_pending',
      'dangjian_events_redelivered_total',
      'dangjian_outbox_oldest_age',
      'dangjian_db_pool_waiting',
      'dangjian_import_rows',
    ])
      expect(read).toContain(metric);
    for (const rule of rules) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      // Said to the operator in Chinese first.
      expect(rule.annotations.summary).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('ship with the chart as a PrometheusRule and a dashboard ConfigMap', () => {
    const objects = render(PLATFORM_CHART, { values: [valuesFile(PLATFORM_CHART, 'production')] });
    const rule = ofKind(objects, 'PrometheusRule')[0]!;
    const groups = (rule.spec as { groups: { rules: Rule[] }[] }).groups;
    expect(groups.flatMap((g) => g.rules.map((r) => r.expr))).toEqual(rules.map((r) => r.expr));
    const configMap = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name.endsWith('-dashboard'))!;
    expect(configMap.metadata.labels?.['grafana_dashboard']).toBe('1');
    expect(JSON.parse((configMap['data'] as Record<string, string>)['dangjian.json']!)).toEqual(dashboard);
  });
});
