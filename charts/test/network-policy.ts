// Answers "may this pod talk to that peer on this port?" from rendered NetworkPolicies, the way the
// Kubernetes network model reads them: a pod selected by no policy of a type is open for that type;
// selected by some, a connection needs one rule of one of them that admits it.
import type { K8sObject } from './helm.js';

type Labels = Record<string, string>;
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  to?: Peer[];
  from?: Peer[];
  ports?: { protocol?: string; port: number }[];
}
interface PolicySpec {
  podSelector: Selector;
  policyTypes: ('Ingress' | 'Egress')[];
  ingress?: Rule[];
  egress?: Rule[];
}

/** A pod (labels and namespace) or an address outside the cluster. */
export type Endpoint = { pod: Labels; namespace: string } | { ip: string };

function matches(selector: Selector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = expression.key in labels;
    const value = labels[expression.key];
    if (expression.operator === 'In' && !(has && expression.values!.includes(value!))) return false;
    if (expression.operator === 'NotIn' && has && expression.values!.includes(value!)) return false;
    if (expression.operator === 'Exists' && !has) return false;
    if (expression.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToNumber(base!) / size) * size;
  const value = ipToNumber(ip);
  return value >= start && value < start + size;
}

function peerAdmits(peer: Peer, other: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    if (!('ip' in other)) return false;
    return (
      inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c))
    );
  }
  if (!('pod' in other)) return false;
  const namespaceOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, { 'kubernetes.io/metadata.name': other.namespace })
    : other.namespace === policyNamespace;
  return namespaceOk && (!peer.podSelector || matches(peer.podSelector, other.pod));
}

function ruleAdmits(
  rule: Rule,
  peers: Peer[] | undefined,
  other: Endpoint,
  port: number,
  ns: string,
): boolean {
  const portOk = !rule.ports || rule.ports.some((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
  return portOk && (!peers || peers.some((peer) => peerAdmits(peer, other, ns)));
}

export function allows(
  policies: K8sObject[],
  namespace: string,
  direction: 'Ingress' | 'Egress',
  pod: Labels,
  other: Endpoint,
  port: number,
): boolean {
  const applicable = policies
    .map((policy) => policy.spec as unknown as PolicySpec)
    .filter((spec) => spec.policyTypes.includes(direction) && matches(spec.podSelector, pod));
  if (applicable.length === 0) return true;
  return applicable.some((spec) =>
    (direction === 'Egress' ? spec.egress : spec.ingress)?.some((rule) =>
      ruleAdmits(rule, direction === 'Egress' ? rule.to : rule.from, other, port, namespace),
    ),
  );
}
