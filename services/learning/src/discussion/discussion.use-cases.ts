import { create } from '@bufbuild/protobuf';
import {
  DiscussionPostSchema,
  DiscussionTopicSchema,
  ModerationLogEntrySchema,
  type AddDiscussionPostRequest,
  type CreateDiscussionTopicRequest,
  type DiscussionPost,
  type DiscussionTopic,
  type ListDiscussionTopicsRequest,
  type ModerateDiscussionPostRequest,
  type ModerationLogEntry,
  type PageRequest,
  type ReportDiscussionPostRequest,
} from '@dangjian/contracts';
import {
  ForbiddenError,
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  Validator,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { DiscussionPost as PostRow, DiscussionTopic as TopicRow } from '../generated/prisma/client.js';
import type { Roster } from '../study-plans/roster.js';

const LEARNERS = ['tenant-admin', 'secretary', 'inspector', 'member'] as const;
export const DEFAULT_HIDE_AFTER_REPORTS = 3;
const EXCERPT = 60;

type Reach = { sees: boolean; moderates: boolean };

/**
 * 学习讨论: topics of a course (everyone of the tenant) or of an organisation (its members and those of
 * the organisations above it; the secretaries over it moderate). A report hides a post once enough
 * people made one, until a moderator restores or removes it; each of those is logged.
 */
export class DiscussionUseCases {
  constructor(
    private readonly db: LearningDatabase,
    private readonly roster: Roster,
  ) {}

  /** Who may read and who moderates a topic: decided by where the caller stands, never by the page. */
  private async reach(topic: { courseId: string | null; organisationId: string | null }): Promise<Reach> {
    const { roles } = requirePrincipal();
    if (roles.includes('tenant-admin')) return { sees: true, moderates: true };
    const secretary = roles.includes('secretary');
    if (topic.courseId) return { sees: true, moderates: secretary };
    const organisationId = topic.organisationId!;
    const inScope =
      secretary &&
      (await this.roster.mayRead(organisationId, 'all').then(
        () => true,
        () => false,
      ));
    if (inScope) return { sees: true, moderates: true };
    return { sees: (await this.myPath()).includes(organisationId), moderates: false };
  }

  /** The caller's own organisation and those above it (none without a member record). */
  private async myPath(): Promise<string[]> {
    const placement = await this.roster.myPlacement();
    return placement.hasRecord ? placement.organisationPathIds : [];
  }

  private async readableTopic(tx: LearningTx, id: string): Promise<{ topic: TopicRow; reach: Reach }> {
    const topic = isUuid(id) ? await tx.discussionTopic.findUnique({ where: { id } }) : null;
    const reach = topic ? await this.reach(topic) : undefined;
    // A topic the caller may not read is as absent as one that does not exist.
    if (!topic || !reach?.sees) throw new NotFoundError('discussion topic', id);
    return { topic, reach };
  }

  async topics(
    request: ListDiscussionTopicsRequest,
  ): Promise<{ topics: DiscussionTopic[]; total: number; myOrganisationId: string }> {
    requireRole(...LEARNERS);
    const { userId } = requirePrincipal();
    const given = [request.courseId, request.organisationId].filter((v) => v !== undefined).length;
    new Validator()
      .check(given + (request.myOrganisations ? 1 : 0) === 1, 'filter', 'one_discussion_place')
      .check(request.courseId === undefined || isUuid(request.courseId), 'courseId', 'not_an_id')
      .check(
        request.organisationId === undefined || isUuid(request.organisationId),
        'organisationId',
        'not_an_id',
      )
      .throwIfInvalid();
    let where: { courseId?: string; organisationId?: string | { in: string[] } };
    let myOrganisationId = '';
    if (request.courseId) where = { courseId: request.courseId };
    else if (request.organisationId) {
      if (!(await this.reach({ courseId: null, organisationId: request.organisationId })).sees)
        throw new NotFoundError('organisation', request.organisationId);
      where = { organisationId: request.organisationId };
    } else {
      // The path runs from the root to the member's own organisation.
      const path = await this.myPath();
      myOrganisationId = path.at(-1) ?? '';
      where = { organisationId: { in: path } };
    }
    const { skip, take } = pageWindow(request.page);
    return this.db.database.inRequestTenant(async (tx) => {
      const [rows, total] = await Promise.all([
        tx.discussionTopic.findMany({
          where,
          orderBy: [{ lastPostAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
          skip,
          take,
        }),
        tx.discussionTopic.count({ where }),
      ]);
      return { topics: rows.map((row) => topicMessage(row, userId)), total, myOrganisationId };
    });
  }

  async createTopic(request: CreateDiscussionTopicRequest): Promise<DiscussionTopic> {
    requireRole(...LEARNERS);
    const principal = requirePrincipal();
    const title = request.title.trim();
    const body = request.body.trim();
    new Validator()
      .check(
        (request.courseId === undefined) !== (request.organisationId === undefined),
        'courseId',
        'one_discussion_place',
      )
      .check(request.courseId === undefined || isUuid(request.courseId), 'courseId', 'not_an_id')
      .check(
        request.organisationId === undefined || isUuid(request.organisationId),
        'organisationId',
        'not_an_id',
      )
      .check(title.length >= 1 && title.length <= 100, 'title', 'length_between', { min: 1, max: 100 })
      .check(body.length <= 5000, 'body', 'too_long', { max: 5000 })
      .throwIfInvalid();
    const place = { courseId: request.courseId ?? null, organisationId: request.organisationId ?? null };
    if (place.organisationId && !(await this.reach(place)).sees)
      throw new NotFoundError('organisation', place.organisationId);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      if (place.courseId && !(await tx.course.findUnique({ where: { id: place.courseId } })))
        throw new NotFoundError('course', place.courseId);
      const row = await tx.discussionTopic.create({
        data: {
          id: randomUUID(),
          tenantId,
          ...place,
          title,
          body,
          authorId: principal.userId,
          authorName: nameOf(principal),
        },
      });
      return topicMessage(row, principal.userId);
    });
  }

  async topic(id: string): Promise<{ topic: DiscussionTopic; posts: DiscussionPost[]; moderator: boolean }> {
    requireRole(...LEARNERS);
    const { userId } = requirePrincipal();
    return this.db.database.inRequestTenant(async (tx) => {
      const { topic, reach } = await this.readableTopic(tx, id);
      const posts = await tx.discussionPost.findMany({
        where: { topicId: topic.id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      const mine = new Set(
        (
          await tx.discussionReport.findMany({
            where: { reporterId: userId, postId: { in: posts.map((p) => p.id) } },
            select: { postId: true },
          })
        ).map((r) => r.postId),
      );
      return {
        topic: topicMessage(topic, userId),
        posts: posts.map((p) => postMessage(p, userId, reach.moderates, mine.has(p.id))),
        moderator: reach.moderates,
      };
    });
  }

  async addPost(request: AddDiscussionPostRequest): Promise<DiscussionPost> {
    requireRole(...LEARNERS);
    const principal = requirePrincipal();
    const body = request.body.trim();
    new Validator()
      .check(isUuid(request.topicId), 'topicId', 'not_an_id')
      .check(request.parentId === undefined || isUuid(request.parentId), 'parentId', 'not_an_id')
      .check(body.length >= 1 && body.length <= 5000, 'body', 'length_between', { min: 1, max: 5000 })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const { topic, reach } = await this.readableTopic(tx, request.topicId);
      if (request.parentId) {
        const parent = await tx.discussionPost.findUnique({ where: { id: request.parentId } });
        new Validator().check(parent?.topicId === topic.id, 'parentId', 'not_in_topic').throwIfInvalid();
      }
      const now = new Date();
      const row = await tx.discussionPost.create({
        data: {
          id: randomUUID(),
          tenantId: topic.tenantId,
          topicId: topic.id,
          parentId: request.parentId ?? null,
          body,
          authorId: principal.userId,
          authorName: nameOf(principal),
          createdAt: now,
        },
      });
      await tx.discussionTopic.update({
        where: { id: topic.id },
        data: { postCount: { increment: 1 }, lastPostAt: now },
      });
      return postMessage(row, principal.userId, reach.moderates, false);
    });
  }

  /** A report; the one that reaches the tenant's threshold hides the post and says so in the log. */
  async report(request: ReportDiscussionPostRequest): Promise<DiscussionPost> {
    requireRole(...LEARNERS);
    const { userId } = requirePrincipal();
    const reason = request.reason.trim();
    new Validator()
      .check(isUuid(request.postId), 'postId', 'not_an_id')
      .check(reason.length <= 500, 'reason', 'too_long', { max: 500 })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const found = await tx.discussionPost.findUnique({ where: { id: request.postId } });
      if (!found) throw new NotFoundError('discussion post', request.postId);
      const { reach } = await this.readableTopic(tx, found.topicId);
      if (found.authorId === userId)
        throw new RuleViolatedError('own-post-report', 'a person does not report their own post');
      // Reports of one post take turns, so the threshold is crossed exactly once.
      await tx.$queryRawUnsafe('select 1 from discussion_posts where id = $1::uuid for update', found.id);
      const added = await tx.discussionReport.createMany({
        data: [{ postId: found.id, tenantId: found.tenantId, reporterId: userId, reason }],
        skipDuplicates: true,
      });
      let post = await tx.discussionPost.findUniqueOrThrow({ where: { id: found.id } });
      if (added.count > 0) {
        const threshold = await hideAfterReports(tx);
        const reports = post.reportCount + 1;
        const hide = post.state === 'visible' && reports >= threshold;
        post = await tx.discussionPost.update({
          where: { id: post.id },
          data: { reportCount: reports, ...(hide ? { state: 'hidden' } : {}) },
        });
        if (hide)
          await tx.moderationLog.create({
            data: {
              id: randomUUID(),
              tenantId: post.tenantId,
              postId: post.id,
              action: 'hidden_by_reports',
              note: `${reports}`,
            },
          });
      }
      return postMessage(post, userId, reach.moderates, true);
    });
  }

  /** 待处理: hidden posts awaiting a decision, of the topics the caller moderates. */
  async queue(page: PageRequest | undefined): Promise<{ posts: DiscussionPost[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    const { userId } = requirePrincipal();
    return this.db.database.inRequestTenant(async (tx) => {
      const hidden = await tx.discussionPost.findMany({
        where: { state: 'hidden' },
        include: { topic: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      const decided = new Map<string, boolean>();
      const mine: typeof hidden = [];
      for (const post of hidden) {
        const key = post.topic.courseId ?? post.topic.organisationId!;
        if (!decided.has(key)) decided.set(key, (await this.reach(post.topic)).moderates);
        if (decided.get(key)) mine.push(post);
      }
      const { skip, take } = pageWindow(page);
      return {
        posts: mine
          .slice(skip, skip + take)
          .map((p) => ({ ...postMessage(p, userId, true, false), topicTitle: p.topic.title })),
        total: mine.length,
      };
    });
  }

  async moderate(request: ModerateDiscussionPostRequest): Promise<DiscussionPost> {
    const principal = requireRole('tenant-admin', 'secretary');
    const note = request.note.trim();
    new Validator()
      .check(isUuid(request.postId), 'postId', 'not_an_id')
      .check(['restore', 'remove'].includes(request.decision), 'decision', 'not_one_of', {
        allowed: 'restore, remove',
      })
      .check(note.length <= 500, 'note', 'too_long', { max: 500 })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const found = await tx.discussionPost.findUnique({ where: { id: request.postId } });
      if (!found) throw new NotFoundError('discussion post', request.postId);
      const { reach } = await this.readableTopic(tx, found.topicId);
      if (!reach.moderates) throw new ForbiddenError('only the topic’s moderators decide on its posts');
      // A restored post starts counting reports afresh: the moderator has heard the earlier ones.
      const post = await tx.discussionPost.update({
        where: { id: found.id },
        data: request.decision === 'restore' ? { state: 'visible', reportCount: 0 } : { state: 'removed' },
      });
      await tx.moderationLog.create({
        data: {
          id: randomUUID(),
          tenantId: post.tenantId,
          postId: post.id,
          action: request.decision === 'restore' ? 'restored' : 'removed',
          moderatorId: principal.userId,
          moderatorName: nameOf(principal),
          note,
        },
      });
      return postMessage(post, principal.userId, true, false);
    });
  }

  /** 审核记录: what was hidden by reports and what moderators decided, newest first (tenant admins). */
  async log(page: PageRequest | undefined): Promise<{ entries: ModerationLogEntry[]; total: number }> {
    requireRole('tenant-admin');
    const { skip, take } = pageWindow(page);
    return this.db.database.inRequestTenant(async (tx) => {
      const [rows, total] = await Promise.all([
        tx.moderationLog.findMany({
          include: { post: true },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          skip,
          take,
        }),
        tx.moderationLog.count(),
      ]);
      return {
        entries: rows.map((row) =>
          create(ModerationLogEntrySchema, {
            id: row.id,
            postId: row.postId,
            action: row.action,
            moderatorName: row.moderatorName,
            note: row.action === 'hidden_by_reports' ? '' : row.note,
            createdAt: row.createdAt.toISOString(),
            postExcerpt: row.post.body.slice(0, EXCERPT),
            reportCount: row.action === 'hidden_by_reports' ? Number(row.note) : 0,
          }),
        ),
        total,
      };
    });
  }

  async settings(): Promise<{ hideAfterReports: number }> {
    requireRole('tenant-admin');
    return this.db.database.inRequestTenant(async (tx) => ({ hideAfterReports: await hideAfterReports(tx) }));
  }

  async updateSettings(hide: number): Promise<{ hideAfterReports: number }> {
    const principal = requireRole('tenant-admin');
    new Validator()
      .check(Number.isInteger(hide) && hide >= 1 && hide <= 100, 'hideAfterReports', 'number_between', {
        min: 1,
        max: 100,
      })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.discussionSettings.upsert({
        where: { tenantId },
        create: { tenantId, hideAfterReports: hide, updatedBy: principal.userId },
        update: { hideAfterReports: hide, updatedBy: principal.userId, updatedAt: new Date() },
      });
      return { hideAfterReports: hide };
    });
  }
}

async function hideAfterReports(tx: LearningTx): Promise<number> {
  return (await tx.discussionSettings.findFirst())?.hideAfterReports ?? DEFAULT_HIDE_AFTER_REPORTS;
}

const nameOf = (principal: { displayName: string; username: string }) =>
  principal.displayName || principal.username;

function topicMessage(row: TopicRow, userId: string): DiscussionTopic {
  return create(DiscussionTopicSchema, {
    id: row.id,
    courseId: row.courseId ?? '',
    organisationId: row.organisationId ?? '',
    title: row.title,
    body: row.body,
    authorName: row.authorName,
    mine: row.authorId === userId,
    postCount: row.postCount,
    lastPostAt: row.lastPostAt?.toISOString() ?? '',
    createdAt: row.createdAt.toISOString(),
  });
}

/** A hidden or removed post's text is for its author and the moderators only. */
function postMessage(
  row: PostRow,
  userId: string,
  moderator: boolean,
  reportedByMe: boolean,
): DiscussionPost {
  const mine = row.authorId === userId;
  return create(DiscussionPostSchema, {
    id: row.id,
    topicId: row.topicId,
    parentId: row.parentId ?? '',
    body: row.state === 'visible' || mine || moderator ? row.body : '',
    authorName: row.authorName,
    mine,
    state: row.state,
    reportCount: moderator ? row.reportCount : 0,
    reportedByMe,
    createdAt: row.createdAt.toISOString(),
  });
}
