import type {
  AppealCategory,
  AppealPlace,
  PublicAppeal,
  PublicMicroWish,
  PublicReport,
  PublishedAppeal,
  ReportOrganisation,
} from '@dangjian/contracts';
import { chinaDate, escapeHtml as e, page } from '../portal/render.js';

/**
 * The citizen's and the reporter's pages (issue 18): plain HTML forms that work on a phone without
 * scripts, in Chinese. Links are relative to `/public/`.
 */
const APPEALS = '群众诉求';
const REPORTS = '监督举报';

const APPEAL_STATUS: Record<string, string> = {
  received: '已受理登记',
  handling: '办理中',
  resolved: '已办结，待您确认',
  closed: '已结案',
  not_accepted: '不予受理',
};

const APPEAL_STEP: Record<string, string> = {
  filed: '提交诉求',
  received: '受理',
  handed_over: '转交',
  extended: '延期办理',
  resolved: '办结答复',
  not_accepted: '不予受理',
  reopened: '群众不满意，重新办理',
  confirmed: '群众确认办结',
  closed: '结案',
};

const REPORT_STATUS: Record<string, string> = {
  received: '已收到',
  acknowledged: '已受理',
  answered: '已答复',
  closed: '已办结',
  forwarded: '已转交上级',
};

const grouped = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');
const option = (value: string, label: string, selected = false) =>
  `<option value="${e(value)}"${selected ? ' selected' : ''}>${e(label)}</option>`;

export function appealFormPage(
  tenantName: string,
  categories: AppealCategory[],
  places: AppealPlace[],
  home = '../',
): string {
  const deadline = (c: AppealCategory) =>
    c.deadlineWorkingDays === 0 ? '当日办理' : `${c.deadlineWorkingDays}个工作日内答复`;
  return page(
    tenantName,
    '提交诉求',
    `<section><h2>提交诉求</h2><p class="meta">您反映的问题将交由所在社区（网格）党组织办理，并按时限答复。提交后您会得到一个查询码。</p>
<form method="post" action="../appeals">
<label>诉求类别<select name="category" required>${categories.map((c) => option(c.key, `${c.label}（${deadline(c)}）`)).join('')}</select></label>
<label>所在社区或网格<select name="placeOrganisationId" required><option value="">请选择</option>${places.map((p) => option(p.id, p.name)).join('')}</select></label>
<label>标题<input name="title" maxlength="50" required></label>
<label>具体内容<textarea name="content" rows="5" maxlength="2000" required></textarea></label>
<label>您的姓名<input name="citizenName" maxlength="20" required></label>
<label>联系电话<input name="citizenPhone" type="tel" maxlength="20" required></label>
<label class="check"><input type="checkbox" name="publishConsent" value="true">同意在办结后公开办理结果（不含个人信息）</label>
<button type="submit">提交</button></form>
<p class="meta"><a href="follow">用查询码查询办理进度</a> · <a href="outcomes">诉求办理公开</a></p></section>`,
    home,
    APPEALS,
  );
}

/** 诉求办理公开: outcomes the citizens agreed to publish, a page of 20 at a time. */
export function appealOutcomesPage(
  tenantName: string,
  appeals: PublishedAppeal[],
  total: number,
  pageNumber: number,
  home = '../',
): string {
  const pages = Math.max(1, Math.ceil(total / OUTCOMES_PER_PAGE));
  const list = appeals.length
    ? `<ul>${appeals
        .map(
          (a) =>
            `<li><strong>${e(a.title)}</strong><br><span class="meta">${e(a.categoryLabel)} · ${e(a.placeName)} · 受理 ${e(chinaDate(a.receivedOn))} · 办结 ${e(chinaDate(a.closedOn))}</span><div class="body">${e(a.reply)}</div><span class="meta">承办单位：${e(a.responsibleName)}</span></li>`,
        )
        .join('')}</ul>`
    : '<p class="meta">目前没有公开的办理结果。</p>';
  const nav = [
    pageNumber > 1 ? `<a href="outcomes?page=${pageNumber - 1}">上一页</a>` : '',
    `第 ${pageNumber} / ${pages} 页，共 ${total} 件`,
    pageNumber < pages ? `<a href="outcomes?page=${pageNumber + 1}">下一页</a>` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return page(
    tenantName,
    '诉求办理公开',
    `<section><h2>诉求办理公开</h2><p class="meta">经群众同意公开的诉求办理结果，不含个人信息。</p>${list}<p class="meta">${nav}</p>
<p class="meta"><a href="new">我要反映诉求</a></p></section>`,
    home,
    APPEALS,
  );
}

export const OUTCOMES_PER_PAGE = 20;

export function appealFiledPage(tenantName: string, code: string, dueOn: string, home = '../'): string {
  return page(
    tenantName,
    '诉求已提交',
    `<section><h2>诉求已提交</h2><p class="notice">请记下您的查询码，凭它查询办理进度：</p>
<p class="code">${e(grouped(code))}</p><p>答复期限：${e(chinaDate(dueOn))}</p>
<p><a href="follow?code=${e(code)}">查询办理进度</a></p></section>`,
    home,
    APPEALS,
  );
}

export function appealFollowFormPage(tenantName: string, home = '../', problem = ''): string {
  return page(
    tenantName,
    '查询诉求',
    `<section><h2>查询诉求办理进度</h2>${problem ? `<p class="warn">${e(problem)}</p>` : ''}
<form method="get" action="follow"><label>查询码（16位数字）<input name="code" inputmode="numeric" maxlength="24" required></label>
<button type="submit">查询</button></form></section>`,
    home,
    APPEALS,
  );
}

export function appealPage(tenantName: string, appeal: PublicAppeal, home = '../'): string {
  const steps = appeal.steps
    .map(
      (s) =>
        `<li><strong>${e(APPEAL_STEP[s.action] ?? s.action)}</strong> · ${e(s.organisationName)}<br><span class="meta">${e(chinaDate(s.at))}</span>${s.note && !s.note.startsWith('no_answer:') ? `<div class="body">${e(s.note)}</div>` : ''}</li>`,
    )
    .join('');
  const answer = appeal.actions.includes('confirm')
    ? `<form method="post" action="answer"><input type="hidden" name="code" value="${e(appeal.code)}">
<label>意见（重新办理时必填）<textarea name="note" rows="3" maxlength="2000"></textarea></label>
<button type="submit" name="answer" value="confirm">确认办结</button> <button type="submit" name="answer" value="reopen">不满意，重新办理</button></form>`
    : '';
  return page(
    tenantName,
    '诉求办理进度',
    `<section><h2>${e(appeal.title)}</h2><p class="meta">查询码 ${e(grouped(appeal.code))} · ${e(appeal.categoryLabel)}</p>
<p>状态：<strong>${e(APPEAL_STATUS[appeal.status] ?? appeal.status)}</strong></p>
<p>承办单位：${e(appeal.responsibleName)} · 受理日期：${e(chinaDate(appeal.receivedOn))} · 答复期限：${e(chinaDate(appeal.dueOn))}</p>
${appeal.reply ? `<p class="notice body">${e(appeal.reply)}</p>` : ''}${answer}</section>
<section><h2>办理经过</h2><ul>${steps}</ul></section>`,
    home,
    APPEALS,
  );
}

export function reportFormPage(
  tenantName: string,
  organisations: ReportOrganisation[],
  home = '../',
): string {
  const small = organisations.some((o) => o.small);
  return page(
    tenantName,
    '监督举报',
    `<section><h2>监督举报</h2><p class="notice">举报默认匿名：本系统不记录您的账号、IP 地址、浏览器信息或提交时刻，只记录日期。提交后您会得到查询码和密码，凭它们查看答复、补充材料。密码只显示一次，请妥善保存。</p>
${small ? '<p class="warn">标注“人数较少”的党组织成员不多，举报内容可能让人推断出您的身份，请斟酌填写细节。</p>' : ''}
<form method="post" action="../reports" enctype="multipart/form-data">
<label>被举报的党组织（可不选）<select name="organisationId"><option value="">不指定</option>${organisations.map((o) => option(o.id, o.small ? `${o.name}（人数较少）` : o.name)).join('')}</select></label>
<label>被举报人姓名（可不填，多人用顿号分隔）<input name="subjectNames" maxlength="120"></label>
<label>举报内容（至少 10 字）<textarea name="content" rows="6" maxlength="5000" required></textarea></label>
<label>照片（选填，JPG 或 PNG，最多 3 张，每张不超过 5 MB）<input type="file" name="attachments" accept="image/jpeg,image/png" multiple></label>
<p class="meta">照片保存前会去除拍摄时间、地点、设备等信息；文件名不保存。其他类型的文件无法去除这些信息，不能上传。</p>
<p class="meta">如愿意实名，可填写以下信息（选填）：</p>
<label>姓名<input name="reporterName" maxlength="20"></label>
<label>联系方式<input name="reporterContact" maxlength="100"></label>
<button type="submit">提交举报</button></form>
<p class="meta"><a href="follow">已举报？查看答复</a></p></section>`,
    home,
    REPORTS,
  );
}

export function reportFiledPage(
  tenantName: string,
  code: string,
  secret: string,
  home = '../',
  photos = 0,
): string {
  return page(
    tenantName,
    '举报已提交',
    `<section><h2>举报已提交</h2><p class="warn">请立即记下查询码和密码。密码只显示这一次，遗失后无法找回。</p>${photos > 0 ? `<p>已收到照片 ${photos} 张（已去除拍摄信息）。</p>` : ''}
<p>查询码</p><p class="code">${e(grouped(code))}</p><p>密码</p><p class="code">${e(secret)}</p>
<p><a href="follow">查看答复</a></p></section>`,
    home,
    REPORTS,
  );
}

export function reportFollowFormPage(tenantName: string, home = '../', problem = ''): string {
  return page(
    tenantName,
    '查看举报答复',
    `<section><h2>查看举报答复</h2>${problem ? `<p class="warn">${e(problem)}</p>` : ''}
<form method="post" action="follow"><label>查询码（16位数字）<input name="receiptCode" inputmode="numeric" maxlength="24" required></label>
<label>密码<input name="secret" maxlength="40" required autocomplete="off"></label>
<button type="submit">查看</button></form></section>`,
    home,
    REPORTS,
  );
}

/** The report's messages, and a form to add one (the code and secret sent again, never kept here). */
export function reportPage(tenantName: string, report: PublicReport, secret: string, home = '../'): string {
  const messages = report.messages
    .map(
      (m) =>
        `<li><strong>${m.author === 'inspector' ? '纪检委员答复' : '您的补充'}</strong> <span class="meta">${e(chinaDate(m.on))}</span><div class="body">${e(m.body)}</div></li>`,
    )
    .join('');
  const open = report.status !== 'closed' && report.status !== 'forwarded';
  return page(
    tenantName,
    '举报办理情况',
    `<section><h2>举报办理情况</h2><p class="meta">查询码 ${e(grouped(report.receiptCode))} · 提交日期 ${e(chinaDate(report.filedOn))}</p>
<p>状态：<strong>${e(REPORT_STATUS[report.status] ?? report.status)}</strong>${report.attachmentCount > 0 ? ` · 照片 ${report.attachmentCount} 张` : ''}</p>
<ul>${messages || '<li class="meta">暂无答复</li>'}</ul></section>
${
  open
    ? `<section><form method="post" action="follow"><input type="hidden" name="receiptCode" value="${e(report.receiptCode)}"><input type="hidden" name="secret" value="${e(secret)}">
<label>补充材料或回复<textarea name="message" rows="4" maxlength="5000" required></textarea></label><button type="submit">发送</button></form></section>`
    : ''
}`,
    home,
    REPORTS,
  );
}

const WISHES = '微心愿';
const WISH_STATUS: Record<string, string> = {
  submitted: '待审核',
  rejected: '未通过审核',
  published: '已发布，等待党员认领',
  claimed: '党员已认领',
  fulfilled: '已帮您实现，请确认',
  confirmed: '您已确认实现',
};

export function wishFormPage(tenantName: string, places: AppealPlace[], home = '../'): string {
  return page(
    tenantName,
    '许下微心愿',
    `<section><h2>许下微心愿</h2><p class="meta">写下一件您需要帮助的小事，审核后发布，由党员认领并帮您实现。提交后您会得到一个查询码。</p>
<form method="post" action="../wishes">
<label>所在社区或网格<select name="organisationId" required><option value="">请选择</option>${places.map((p) => option(p.id, p.name)).join('')}</select></label>
<label>心愿<input name="title" maxlength="50" required></label>
<label>具体说明<textarea name="content" rows="4" maxlength="1000" required></textarea></label>
<label>您的称呼<input name="wisherName" maxlength="20" required></label>
<label>联系电话（仅认领的党员可见）<input name="wisherPhone" type="tel" maxlength="20" required></label>
<button type="submit">提交</button></form>
<p class="meta"><a href="follow">用查询码查看心愿</a></p></section>`,
    home,
    WISHES,
  );
}

export function wishFiledPage(tenantName: string, code: string, home = '../'): string {
  return page(
    tenantName,
    '心愿已提交',
    `<section><h2>心愿已提交</h2><p class="notice">审核通过后将发布。请记下查询码：</p><p class="code">${e(grouped(code))}</p>
<p><a href="follow?code=${e(code)}">查看心愿</a></p></section>`,
    home,
    WISHES,
  );
}

export function wishFollowFormPage(tenantName: string, home = '../', problem = ''): string {
  return page(
    tenantName,
    '查看心愿',
    `<section><h2>查看心愿</h2>${problem ? `<p class="warn">${e(problem)}</p>` : ''}
<form method="get" action="follow"><label>查询码（16位数字）<input name="code" inputmode="numeric" maxlength="24" required></label>
<button type="submit">查看</button></form></section>`,
    home,
    WISHES,
  );
}

export function wishPage(tenantName: string, wish: PublicMicroWish, home = '../'): string {
  const confirm = wish.actions.includes('confirm')
    ? `<form method="post" action="confirm"><input type="hidden" name="code" value="${e(wish.code)}"><button type="submit">确认心愿已实现</button></form>`
    : '';
  return page(
    tenantName,
    '我的心愿',
    `<section><h2>${e(wish.title)}</h2><p class="meta">查询码 ${e(grouped(wish.code))} · ${e(wish.organisationName)}</p>
<p>状态：<strong>${e(WISH_STATUS[wish.status] ?? wish.status)}</strong></p>
${wish.reviewNote ? `<p class="body">${e(wish.reviewNote)}</p>` : ''}${wish.fulfilmentNote ? `<p class="notice body">${e(wish.fulfilmentNote)}</p>` : ''}${confirm}</section>`,
    home,
    WISHES,
  );
}
