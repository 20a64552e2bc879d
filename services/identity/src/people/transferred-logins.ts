import { fromBinary } from '@bufbuild/protobuf';
import { MemberLoginTransferredSchema, type MemberLoginTransferred } from '@dangjian/contracts';
import { asTenantId, DurableConsumer, type Bus } from '@dangjian/kit';
import type { IdentityDatabase, IdentityTx } from '../db/identity-database.js';
import type { IdentityDirectory } from '../directory/identity-directory.js';
import { writeMembershipChanged } from './membership-events.js';
import { PeopleRepository } from './people.repository.js';

const MEMBER = 'member';

/**
 * A member who has a login keeps it when another tenant takes them in (issue 4, decision 0013): the
 * login gets the member role in the receiving tenant, and loses the member role (only that role) in
 * the sending tenant, where the member record is now "transferred out". Both changes are idempotent,
 * so a redelivered event changes nothing.
 */
export class TransferredLogins {
  private readonly people = new PeopleRepository();

  constructor(
    private readonly db: IdentityDatabase,
    private readonly directory: IdentityDirectory,
  ) {}

  /** In the receiving tenant's transaction (the consumer's); the sending tenant in its own. */
  async apply(tx: IdentityTx, event: MemberLoginTransferred): Promise<void> {
    const person = await tx.person.findUnique({ where: { id: event.userId } });
    // A login removed from the platform since: there is nothing to keep.
    if (!person) return;
    const received = await tx.membership.findUnique({
      where: { tenantId_personId: { tenantId: event.receivingTenantId, personId: person.id } },
    });
    if (!received?.roles.includes(MEMBER)) {
      const roles = [...(received?.roles ?? []), MEMBER];
      await this.people.upsertMembership(
        tx,
        event.receivingTenantId,
        person.id,
        roles,
        received?.organisationScope ?? [],
      );
      await writeMembershipChanged(tx, event.receivingTenantId, person.id, roles);
    }
    const stillInSender = await this.db.database.inTenant(
      asTenantId(event.sendingTenantId),
      async (sending) => {
        const membership = await sending.membership.findUnique({
          where: { tenantId_personId: { tenantId: event.sendingTenantId, personId: person.id } },
        });
        if (!membership?.roles.includes(MEMBER)) return membership !== null;
        const roles = membership.roles.filter((role) => role !== MEMBER);
        if (roles.length === 0) await this.people.deleteMembership(sending, event.sendingTenantId, person.id);
        else
          await this.people.upsertMembership(
            sending,
            event.sendingTenantId,
            person.id,
            roles,
            membership.organisationScope,
          );
        await writeMembershipChanged(sending, event.sendingTenantId, person.id, roles);
        return roles.length > 0;
      },
    );
    const slugs = await this.db.database.platform((p) =>
      p.tenant.findMany({
        where: { id: { in: [event.receivingTenantId, event.sendingTenantId] } },
        select: { id: true, slug: true },
      }),
    );
    const slugOf = (id: string) => slugs.find((t) => t.id === id)?.slug ?? '';
    await this.directory.membershipChanged({
      tenantSlug: slugOf(event.receivingTenantId),
      username: person.username,
      member: true,
    });
    await this.directory.membershipChanged({
      tenantSlug: slugOf(event.sendingTenantId),
      username: person.username,
      member: stillInSender,
    });
  }
}

export function transferredLoginConsumer(bus: Bus, db: IdentityDatabase, logins: TransferredLogins) {
  return new DurableConsumer<IdentityTx>({
    bus,
    sourceService: 'organisation',
    durable: 'identity-transferred-logins',
    filterSubject: 'events.organisation.member.login_transferred',
    database: db.database,
    tenantOf: (event) => fromBinary(MemberLoginTransferredSchema, event.data).receivingTenantId,
    handle: (tx, event) => logins.apply(tx, fromBinary(MemberLoginTransferredSchema, event.data)),
  });
}
