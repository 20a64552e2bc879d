import { RosterService, type GetMyPlacementResponse } from '@dangjian/contracts';
import type { RpcClient } from '@dangjian/kit';

/**
 * The organisation service's roster, asked over the bus with the caller's own context (a secretary
 * gets only their own subtrees: the organisation service checks). A plan's whole roster is read from
 * the copy instead (roster-copy.ts, decision 0030).
 */
export class Roster {
  constructor(private readonly rpc: RpcClient) {}

  /** Refuses (404, 403) unless the caller may read this organisation's roster. */
  async mayRead(organisationId: string, audience: string): Promise<void> {
    await this.rpc.call(RosterService.method.listRoster, { organisationId, audience, limit: 1 });
  }

  myPlacement(): Promise<GetMyPlacementResponse> {
    return this.rpc.call(RosterService.method.getMyPlacement, {});
  }
}

/** Whether a plan's audience takes in a person at this stage (and with or without a committee seat). */
export function inAudience(
  audience: string,
  person: { developmentStage: string; committee: boolean },
): boolean {
  switch (audience) {
    case 'all':
      return person.developmentStage === 'probationary' || person.developmentStage === 'full';
    case 'committee':
      return person.committee;
    case 'activists':
      return person.developmentStage === 'activist';
    case 'candidates':
      return person.developmentStage === 'candidate';
    default:
      return false;
  }
}
