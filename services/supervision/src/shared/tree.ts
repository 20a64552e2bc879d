import { create } from '@bufbuild/protobuf';
import {
  OrganisationTreeService,
  PageRequestSchema,
  PositionKind,
  PositionService,
  PrincipalSchema,
  RosterService,
  type Organisation,
} from '@dangjian/contracts';
import { currentContext, type RpcClient } from '@dangjian/kit';

export interface Ladder {
  id: string;
  name: string;
  /** Root first, the organisation last. */
  pathIds: string[];
  pathNames: string[];
  memberCount: number;
}

/**
 * The organisation tree, asked of the organisation service over the bus. What a citizen or the
 * service itself needs (names, the ladder above an organisation) is read as the service; whether a
 * member of staff may name an organisation is asked with their own context (decided there).
 */
export class Tree {
  /** Ladders asked lately, per tenant and organisation: a burst of filings asks the tree once. */
  private readonly ladders = new Map<string, { ladder: Promise<Ladder>; until: number }>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly ladderMs = 30_000,
  ) {}

  private asService() {
    const context = currentContext()!;
    return {
      context: {
        ...context,
        principal: create(PrincipalSchema, { userId: 'supervision-service', roles: ['tenant-admin'] }),
      },
    };
  }

  /** 404/403 from the organisation service when the caller may not name it. */
  async checkCallerMayName(organisationId: string): Promise<void> {
    await this.rpc.call(OrganisationTreeService.method.getOrganisation, { id: organisationId });
  }

  /**
   * An organisation with the names of those above it (404 when it is not the tenant's), kept for half
   * a minute: a renamed or moved organisation shows on new appeals within that time.
   */
  ladder(organisationId: string): Promise<Ladder> {
    const key = `${currentContext()?.tenant?.tenantId}|${organisationId}`;
    const now = Date.now();
    const kept = this.ladders.get(key);
    if (kept && kept.until > now) return kept.ladder;
    if (this.ladders.size > 10_000) this.ladders.clear();
    const ladder = this.readLadder(organisationId);
    this.ladders.set(key, { ladder, until: now + this.ladderMs });
    // A refusal is not kept: the next filing asks again.
    ladder.catch(() => this.ladders.delete(key));
    return ladder;
  }

  private async readLadder(organisationId: string): Promise<Ladder> {
    const { organisation } = await this.rpc.call(
      OrganisationTreeService.method.getOrganisation,
      { id: organisationId },
      this.asService(),
    );
    const o = organisation!;
    const above = o.ancestorIds.filter((id) => id !== o.id);
    const names = new Map<string, string>();
    if (above.length > 0) {
      const { organisations } = await this.rpc.call(
        OrganisationTreeService.method.listOrganisations,
        { ids: above, includeDissolved: true, page: create(PageRequestSchema, { limit: above.length }) },
        this.asService(),
      );
      for (const a of organisations) names.set(a.id, a.name);
    }
    return {
      id: o.id,
      name: o.name,
      pathIds: [...above, o.id],
      pathNames: [...above.map((id) => names.get(id) ?? ''), o.name],
      memberCount: o.memberCount,
    };
  }

  /** The tenant's active organisations, for a citizen's choice of place (names only). */
  async all(): Promise<Organisation[]> {
    const { organisations } = await this.rpc.call(
      OrganisationTreeService.method.listOrganisations,
      { page: create(PageRequestSchema, { limit: 500 }) },
      this.asService(),
    );
    return organisations;
  }

  /** The caller's own member record: their name and organisations (none without a record). */
  async myPlacement(): Promise<{ name: string; pathIds: string[] }> {
    const placement = await this.rpc.call(RosterService.method.getMyPlacement, {});
    return placement.hasRecord
      ? { name: placement.name, pathIds: placement.organisationPathIds }
      : { name: '', pathIds: [] };
  }

  /**
   * Whom to tell for each organisation: the logins of its secretaries in office, or of its deputy
   * secretaries where it has no secretary with a login (read as the service; a service's own job).
   */
  async secretaries(organisationIds: string[]): Promise<Map<string, string[]>> {
    const told = new Map<string, string[]>();
    const ids = [...new Set(organisationIds)];
    for (let at = 0; at < ids.length; at += 100) {
      const { positions } = await this.rpc.call(
        PositionService.method.listPositions,
        {
          organisationIds: ids.slice(at, at + 100),
          currentOnly: true,
          page: create(PageRequestSchema, { limit: 500 }),
        },
        this.asService(),
      );
      for (const id of ids.slice(at, at + 100)) {
        const held = positions.filter((p) => p.organisationId === id && p.holderUserId);
        const of = (kind: PositionKind) => held.filter((p) => p.kind === kind).map((p) => p.holderUserId!);
        const secretaries = of(PositionKind.SECRETARY);
        told.set(id, [...new Set(secretaries.length > 0 ? secretaries : of(PositionKind.DEPUTY_SECRETARY))]);
      }
    }
    return told;
  }
}
