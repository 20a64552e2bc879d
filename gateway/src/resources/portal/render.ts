import type { PublicCommitment, PublicItem, PublicityNotice } from '@dangjian/contracts';

/**
 * The public portal's pages (issue 17): plain HTML a phone reads without scripts — one small inline
 * stylesheet, no third-party fonts, no JavaScript. Everything shown is escaped; dates are China's.
 */
const STAGE: Record<string, string> = {
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

const STAGE_DECISION: Record<string, string> = {
  activist: '确定为入党积极分子',
  candidate: '列为发展对象',
  probationary: '接收为预备党员',
  full: '转为正式党员',
};

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const CHINA_DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** 2026年12月1日, from an instant or a calendar date. */
export function chinaDate(value: string): string {
  if (!value) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+08:00`) : new Date(value);
  return CHINA_DATE.format(date);
}

const STYLE = `body{margin:0;font:16px/1.7 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;background:#f6f6f6}
header{background:#b71c1c;color:#fff;padding:12px 16px}header a{color:#fff;text-decoration:none}h1{font-size:20px;margin:0}
main{max-width:760px;margin:0 auto;padding:12px 16px}section{background:#fff;border-radius:6px;padding:12px 16px;margin:12px 0}
h2{font-size:18px;margin:0 0 8px}ul{list-style:none;padding:0;margin:0}li{padding:8px 0;border-bottom:1px solid #eee}
li:last-child{border-bottom:0}a{color:#b71c1c}.meta{color:#666;font-size:14px}.body{white-space:pre-wrap;word-break:break-word}
.withdrawn{color:#8a6d3b;background:#fcf8e3;padding:8px;border-radius:4px}label{display:block;margin-top:8px}
textarea,input,select{box-sizing:border-box;width:100%;font:inherit;padding:6px;border:1px solid #bbb;border-radius:4px}
button{margin-top:12px;font:inherit;padding:8px 20px;background:#b71c1c;color:#fff;border:0;border-radius:4px}
.notice{background:#e8f5e9;padding:8px;border-radius:4px}.warn{background:#fff3e0;padding:8px;border-radius:4px}
.code{font:600 22px/1.4 ui-monospace,monospace;letter-spacing:1px}label.check{display:flex;gap:8px;align-items:center}label.check input{width:auto}
.bar{height:8px;background:#eee;border-radius:4px;overflow:hidden;margin-top:4px}.bar span{display:block;height:100%;background:#b71c1c}`;

/** A public page of a tenant; `section` names the part of the public pages it belongs to. */
export function page(
  tenantName: string,
  title: string,
  content: string,
  home = './',
  section = '党务公开',
): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(tenantName)}</title><style>${STYLE}</style></head>
<body><header><h1><a href="${home}">${escapeHtml(tenantName)} · ${escapeHtml(section)}</a></h1></header><main>${content}</main></body></html>`;
}

function itemLine(item: PublicItem): string {
  const when = chinaDate(item.startsAt);
  const mark = item.status === 'withdrawn' ? '<span class="meta">（已撤回）</span>' : '';
  return `<li><a href="items/${item.id}">${escapeHtml(item.title)}</a>${mark}<div class="meta">${escapeHtml(item.organisationName)} · ${escapeHtml(item.categoryLabel)} · ${when}</div></li>`;
}

function noticeTitle(notice: PublicityNotice): string {
  return `关于拟将${notice.memberName}同志${STAGE_DECISION[notice.stage] ?? ''}的公示`;
}

function noticeLine(notice: PublicityNotice): string {
  return `<li><a href="publicity/${notice.id}">${escapeHtml(noticeTitle(notice))}</a><div class="meta">${escapeHtml(notice.organisationName)} · 公示期 ${chinaDate(notice.startsOn)}至${chinaDate(notice.endsOn)}</div></li>`;
}

const OUTCOME: Record<string, string> = { published: '践诺中', met: '已兑现', unmet: '未兑现' };
const PERIOD = (period: string) =>
  period.startsWith('Q')
    ? `第${'一二三四'[Number(period.slice(1)) - 1] ?? ''}季度`
    : `${Number(period.slice(1))}月`;

function bar(progress: number): string {
  return `<div class="bar" role="progressbar" aria-valuenow="${progress}" aria-valuemin="0" aria-valuemax="100"><span style="width:${Math.min(100, Math.max(0, progress))}%"></span></div>`;
}

function commitmentLine(c: PublicCommitment): string {
  return `<li><a href="commitments/${c.id}">${escapeHtml(c.title)}</a><div class="meta">${escapeHtml(c.committerName)} · ${c.year}年 · ${OUTCOME[c.status] ?? ''} · 完成 ${c.progress}%</div>${bar(c.progress)}</li>`;
}

export function commitmentPage(
  tenantName: string,
  c: PublicCommitment,
  appraised = false,
  home = '../',
): string {
  const targets = `<ul>${c.targets.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`;
  const facts = c.lastFacts.length
    ? `<ul>${c.lastFacts.map((f) => `<li class="meta">${escapeHtml(f)}</li>`).join('')}</ul>`
    : '';
  const last = c.lastPeriod
    ? `<p><strong>最新进展（${PERIOD(c.lastPeriod)}）：</strong>${escapeHtml(c.lastEvidence)}</p>${facts}`
    : '<p class="meta">尚未公布进展。</p>';
  const unmet =
    c.status === 'unmet' ? `<p class="withdrawn">未兑现说明：${escapeHtml(c.explanation)}</p>` : '';
  const form = appraised
    ? '<p class="notice">感谢您的评价。</p>'
    : `<form method="post" action="${c.id}/appraisals"><h2>群众评价</h2>
<label><input type="radio" name="grade" value="satisfied" required style="width:auto"> 满意</label>
<label><input type="radio" name="grade" value="fair" style="width:auto"> 基本满意</label>
<label><input type="radio" name="grade" value="unsatisfied" style="width:auto"> 不满意</label>
<button type="submit">提交评价</button></form>`;
  return page(
    tenantName,
    c.title,
    `<section><h2>${escapeHtml(c.title)}</h2><p class="meta">${escapeHtml(c.organisationName)} · 承诺人：${escapeHtml(c.committerName)} · ${c.year}年 · ${OUTCOME[c.status] ?? ''}</p>
<h2>承诺目标</h2>${targets}<p>完成进度：${c.progress}%</p>${bar(c.progress)}${last}${unmet}${form}</section>`,
    home,
  );
}

export function portalPage(
  tenantName: string,
  items: PublicItem[],
  notices: PublicityNotice[],
  commitments: PublicCommitment[] = [],
  appeals = false,
): string {
  const appealLinks = appeals
    ? '<section><h2>群众诉求</h2><p><a href="appeals/new">我要反映诉求</a> · <a href="appeals/follow">查询办理进度</a> · <a href="appeals/outcomes">诉求办理公开</a></p></section>'
    : '';
  const commitmentList = commitments.length
    ? `<ul>${commitments.map(commitmentLine).join('')}</ul>`
    : '<p class="meta">目前没有公开承诺。</p>';
  const noticeList = notices.length
    ? `<ul>${notices.map(noticeLine).join('')}</ul>`
    : '<p class="meta">目前没有正在进行的公示。</p>';
  const itemList = items.length
    ? `<ul>${items.map(itemLine).join('')}</ul>`
    : '<p class="meta">目前没有公开事项。</p>';
  return page(
    tenantName,
    '党务公开',
    `<section><h2>公示</h2>${noticeList}</section><section><h2>党务公开事项</h2>${itemList}</section><section><h2>承诺践诺</h2>${commitmentList}</section>${appealLinks}`,
  );
}

export function itemPage(tenantName: string, item: PublicItem, home = '../'): string {
  const window = item.endsAt
    ? `公开期限：${chinaDate(item.startsAt)}至${chinaDate(item.endsAt)}`
    : `公开日期：${chinaDate(item.startsAt)}`;
  const content =
    item.status === 'withdrawn'
      ? `<p class="withdrawn">本事项已于${chinaDate(item.withdrawnAt)}撤回。撤回原因：${escapeHtml(item.withdrawnReason)}</p>`
      : `<div class="body">${escapeHtml(item.body)}</div>`;
  return page(
    tenantName,
    item.title,
    `<section><h2>${escapeHtml(item.title)}</h2><p class="meta">${escapeHtml(item.organisationName)} · ${escapeHtml(item.categoryLabel)} · ${window}</p>${content}</section>`,
    home,
  );
}

export function noticePage(
  tenantName: string,
  notice: PublicityNotice,
  filed?: string,
  home = '../',
): string {
  const stage = STAGE[notice.stage] ?? '';
  const text = `${escapeHtml(notice.organisationName)}拟将${escapeHtml(notice.memberName)}同志${STAGE_DECISION[notice.stage] ?? ''}，现予公示。公示期为${chinaDate(notice.startsOn)}至${chinaDate(notice.endsOn)}。公示期间，党员和群众如有意见，可通过下方表格实名或匿名反映。`;
  const form = filed
    ? `<p class="notice">已收到您的意见，编号 ${escapeHtml(filed)}。党组织将认真核实。</p>`
    : notice.open
      ? `<form method="post" action="${notice.id}/objections"><h2>提出意见</h2>
<label>意见内容（必填）<textarea name="content" rows="5" maxlength="2000" required></textarea></label>
<label>姓名（可不填，不填即为匿名）<input name="name" maxlength="50"></label>
<label>联系方式（可不填）<input name="contact" maxlength="100"></label>
<button type="submit">提交</button></form>`
      : '<p class="meta">公示期已结束，不再受理意见。</p>';
  return page(
    tenantName,
    `${stage}公示`,
    `<section><h2>${escapeHtml(noticeTitle(notice))}</h2><p>${text}</p>${form}</section>`,
    home,
  );
}

export function messagePage(tenantName: string, title: string, message: string, home = './'): string {
  return page(
    tenantName,
    title,
    `<section><h2>${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p></section>`,
    home,
  );
}
