import type { NotificationKind } from './notification-kinds.js';

/**
 * What an e-mail (or a digest line) says, in Chinese: the platform's default language. The inbox
 * stores the kind and its params; the console says them in the reader's own language.
 */
const TEXTS: Record<NotificationKind, (p: Record<string, string>) => { subject: string; body: string }> = {
  meeting_notified: (p) => ({
    subject: `会议通知：${p['title']}`,
    body: `${p['organisation']}定于 ${p['time']}（北京时间）在${p['place'] || '（地点另行通知）'}召开“${p['title']}”，请准时参加。不能参加的，请在党员e家中请假。`,
  }),
  meeting_rescheduled: (p) => ({
    subject: `会议时间地点变更：${p['title']}`,
    body: `${p['organisation']}的“${p['title']}”改为 ${p['time']}（北京时间）在${p['place'] || '（地点另行通知）'}召开，请留意。`,
  }),
  meeting_cancelled: (p) => ({
    subject: `会议取消：${p['title']}`,
    body: `${p['organisation']}原定于 ${p['time']}（北京时间）召开的“${p['title']}”已取消。`,
  }),
  leave_decided: (p) => ({
    subject: `请假${p['state'] === 'granted' ? '已批准' : '未批准'}：${p['title']}`,
    body:
      p['state'] === 'granted'
        ? `您对“${p['title']}”的请假已批准。${p['note'] ? `备注：${p['note']}` : ''}`
        : `您对“${p['title']}”的请假未获批准：${p['note']}。请按时参加。`,
  }),
  transfer_step: (p) => ({
    subject: `组织关系转接：${p['stateText']}`,
    body: `您转往“${p['organisation']}”的组织关系转接：${p['stateText']}。${p['validUntil'] ? `介绍信有效期至 ${p['validUntil']}，请在有效期内到接收党组织报到。` : ''}`,
  }),
  letter_expiring: (p) => ({
    subject: `介绍信即将过期（${p['validUntil']}）`,
    body: `您转往“${p['organisation']}”的组织关系介绍信有效期至 ${p['validUntil']}，请在此之前到接收党组织报到；逾期需重新开具。`,
  }),
  self_withdrawal_flagged: (p) => ({
    subject: `${p['state'] === 'open' ? '自行脱党待处理' : '自行脱党预警'}：${p['member']}`,
    body: `${p['organisation']}党员${p['member']}已连续 ${p['monthsWithoutDues']} 个月未交纳党费、${p['monthsWithoutLife']} 个月未参加组织生活，请及时谈心谈话并按规定处理。`,
  }),
  dues_reminder: (p) => ({
    subject: `党费缴纳提醒（${p['month']}）`,
    body: `您有应缴未缴的党费（截至 ${p['month']}），请按时缴纳。`,
  }),
  thought_report_due: (p) => ({
    subject: `思想汇报提醒（${p['month']}）`,
    body: `您的思想汇报应于本月（${p['month']}）内提交，请登录党员e家撰写提交。`,
  }),
  appeal_due_soon: (p) => ({
    subject: `诉求即将到期：${p['title']}`,
    body: `${p['organisation']}承办的${p['category']}诉求“${p['title']}”将于 ${p['dueOn']} 到期，请抓紧办理并答复群众。`,
  }),
  appeal_escalated: (p) => ({
    subject: `诉求超期督办：${p['title']}`,
    body: `${p['organisation']}承办的${p['category']}诉求“${p['title']}”已于 ${p['dueOn']} 到期未办结，已升级至${p['overseer']}督办，请立即督促办理。`,
  }),
  sentiment_alert: (p) => ({
    subject: `舆情预警：${p['organisation']}${p['category']}`,
    body:
      p['alertKind'] === 'keyword'
        ? `${p['organisation']}收到的${p['category']}诉求中出现预警词“${p['keyword']}”，请及时关注处置。`
        : `${p['organisation']}近 7 天收到${p['category']}诉求 ${p['count']} 件，此前 4 周平均每周 ${p['baseline']} 件，请及时关注处置。`,
  }),
  thought_report_replied: (p) => ({
    subject: `思想汇报已回复：${p['title']}`,
    body: `书记已回复您的思想汇报《${p['title']}》，请登录党员e家查看。`,
  }),
};

export function notificationText(
  kind: string,
  params: Record<string, string>,
): { subject: string; body: string } {
  const text = TEXTS[kind as NotificationKind];
  return text ? text(params) : { subject: '党建云通知', body: '您有一条新通知，请登录党员e家查看。' };
}

/** One e-mail for a day's notifications (the digest). */
export function digestText(items: { kind: string; params: Record<string, string> }[]): {
  subject: string;
  body: string;
} {
  return {
    subject: `党建云每日通知（${items.length} 条）`,
    body: items
      .map((item, index) => `${index + 1}. ${notificationText(item.kind, item.params).body}`)
      .join('\n'),
  };
}
