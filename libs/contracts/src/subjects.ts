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
