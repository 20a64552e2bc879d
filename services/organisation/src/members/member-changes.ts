import { MEMBER_CHANGE_REASONS, type MemberChangeReason } from '@dangjian/contracts';
import { currentContext } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';

/*
 * Why a member record changed, as a code with params (decision 0017): the console says it in the
 * person's language; `reason` keeps a plain English line for API readers. What a person typed as the
 * reason of an edit is kept as typed.
 */
export type ChangeReason = MemberChangeReason;

/** The row of a change, with who made it (their username, kept so the history names them). */
export function memberChange(input: {
  tenantId: string;
  memberId: string;
  changedBy: string;
  reasonCode: ChangeReason;
  params?: Record<string, string>;
  fields: string[];
}) {
  const params = input.params ?? {};
  return {
    id: randomUUID(),
    tenantId: input.tenantId,
    memberId: input.memberId,
    changedBy: input.changedBy,
    changedByName: currentContext()?.principal?.displayName || currentContext()?.principal?.username || '',
    reason: MEMBER_CHANGE_REASONS[input.reasonCode].replace(
      /\{(\w+)\}/g,
      (_, name: string) => params[name] ?? '',
    ),
    reasonCode: input.reasonCode,
    reasonParams: params,
    fields: input.fields,
  };
}
