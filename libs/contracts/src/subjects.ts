import type { DescMethod, DescService } from '@bufbuild/protobuf';

/** `dangjian.identity.v1.IdentityService` → `identity`. */
export function serviceNameOf(service: DescService): string {
  const parts = service.typeName.split('.');
  if (parts.length < 4 || parts[0] !== 'dangjian') {
    throw new Error(`service ${service.typeName} is not in a dangjian.<service>.v<N> package`);
  }
  return parts[1]!;
}

/** Request-reply subject `<service>.v1.<Method>`, e.g. `identity.v1.ListTenants`. */
export function subjectOf(method: DescMethod): string {
  const parts = method.parent.typeName.split('.');
  return `${serviceNameOf(method.parent)}.${parts[2]}.${method.name}`;
}

/** Domain-event subject `events.<service>.<aggregate>.<event>`. */
export function eventSubject(service: string, aggregate: string, event: string): string {
  for (const part of [service, aggregate, event]) {
    if (!/^[a-z][a-z0-9_]*$/.test(part)) throw new Error(`bad event subject part "${part}"`);
  }
  return `events.${service}.${aggregate}.${event}`;
}

/*
 * Every subject, queue group, stream and durable consumer of a platform carries its namespace
 * (PLATFORM_NAMESPACE), so several platforms share one NATS without answering each other: a demo,
 * a test run and a benchmark on one machine, or staging beside production (where NATS accounts are
 * the stronger wall). Code names subjects without it (`identity.v1.ListUsers`,
 * `events.organisation.member.stage_changed`); only the transport adds and strips it, with these.
 */
export const DEFAULT_PLATFORM_NAMESPACE = 'dangjian';

/** A subject token that is also valid in stream and consumer names (no dots, spaces, `*`, `>`). */
export const PLATFORM_NAMESPACE_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

/** `identity.v1.ListUsers` → `<namespace>.identity.v1.ListUsers`. */
export function onNamespace(namespace: string, subject: string): string {
  if (!PLATFORM_NAMESPACE_PATTERN.test(namespace)) throw new Error(`bad platform namespace "${namespace}"`);
  return `${namespace}.${subject}`;
}

/** The subject as code names it, without the namespace. */
export function offNamespace(namespace: string, subject: string): string {
  const prefix = `${namespace}.`;
  if (!subject.startsWith(prefix)) throw new Error(`subject ${subject} is outside namespace ${namespace}`);
  return subject.slice(prefix.length);
}

/** The queue group that replicas of one service share. */
export function queueGroupOf(namespace: string, service: string): string {
  return `${namespace}.${service}`;
}

/**
 * The stream that holds one service's events in a platform: `<namespace>-events-<service>` over
 * `<namespace>.events.<service>.>`.
 */
export function streamOf(namespace: string, service: string): { name: string; subjects: string[] } {
  return {
    name: `${namespace}-events-${service}`,
    subjects: [onNamespace(namespace, `events.${service}.>`)],
  };
}
