/*
 * The page an invitation link opens (decision 0016), served by the identity provider beside its
 * login page: Chinese first, no scripts, usable one-handed on a phone. A person new to the platform
 * creates their login; a person who has one signs in with it to join. Nothing on it says whether a
 * username exists, except to the holder of a valid code choosing a new one.
 */
export type InvitationPageState =
  | {
      kind: 'form';
      code: string;
      invitation?: { tenantName: string; displayName: string; roles: string[] };
      error?: string;
      username?: string;
    }
  | { kind: 'done'; tenantName: string; consoleUrl: string };

const TEXT = {
  'zh-CN': {
    title: '党建云 — 接受邀请',
    invitedTo: (tenant: string, name: string) => `${name}，您受邀加入「${tenant}」。`,
    unknown: '邀请码无效、已使用、已撤销或已过期，请向邀请您的管理员索取新的邀请码。',
    code: '邀请码',
    check: '查看邀请',
    newLogin: '我没有党建云账号：创建账号',
    displayName: '姓名',
    username: '用户名（3–64 位小写字母、数字、点、连字符或下划线）',
    password: '密码（至少 8 位）',
    create: '创建账号并加入',
    existing: '我已有党建云账号（例如毕业前在学校使用的账号）',
    existingUsername: '用户名',
    existingPassword: '密码',
    join: '登录并加入',
    done: (tenant: string) => `已加入「${tenant}」。`,
    toConsole: '进入党建云',
    roles: { 'tenant-admin': '管理员', secretary: '书记', inspector: '纪检委员', member: '党员' } as Record<
      string,
      string
    >,
  },
  en: {
    title: 'Dangjian Cloud — accept an invitation',
    invitedTo: (tenant: string, name: string) => `${name}, you are invited to join “${tenant}”.`,
    unknown:
      'This code is not valid, was used, revoked or has expired. Ask the admin who invited you for a new one.',
    code: 'Invitation code',
    check: 'Show the invitation',
    newLogin: 'I have no Dangjian Cloud login: create one',
    displayName: 'Name',
    username: 'Username (3–64 lowercase letters, digits, dots, hyphens or underscores)',
    password: 'Password (at least 8 characters)',
    create: 'Create my login and join',
    existing: 'I already have a Dangjian Cloud login (e.g. from my university)',
    existingUsername: 'Username',
    existingPassword: 'Password',
    join: 'Sign in and join',
    done: (tenant: string) => `You have joined “${tenant}”.`,
    toConsole: 'Open Dangjian Cloud',
    roles: {
      'tenant-admin': 'admin',
      secretary: 'secretary',
      inspector: 'inspector',
      member: 'member',
    } as Record<string, string>,
  },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderInvitationPage(options: {
  action: string;
  lang: 'zh-CN' | 'en';
  state: InvitationPageState;
}): string {
  const t = TEXT[options.lang];
  const { state } = options;
  let body: string;
  if (state.kind === 'done') {
    body = `<p role="status">${escape(t.done(state.tenantName))}</p><p><a class="button" href="${escape(state.consoleUrl)}">${t.toConsole}</a></p>`;
  } else {
    const error = state.error ? `<p class="error" role="alert">${escape(state.error)}</p>` : '';
    const codeField = `<input type="hidden" name="code" value="${escape(state.code)}">`;
    if (!state.invitation) {
      body = `${error}<form method="get" action="${escape(options.action)}">
<label for="code">${t.code}</label><input id="code" name="code" required autocomplete="off" value="${escape(state.code)}">
<button type="submit">${t.check}</button></form>`;
    } else {
      const roles = state.invitation.roles.map((r) => t.roles[r] ?? r).join('、');
      body = `<p>${escape(t.invitedTo(state.invitation.tenantName, state.invitation.displayName))}（${escape(roles)}）</p>${error}
<form method="post" action="${escape(options.action)}"><h2>${t.newLogin}</h2>${codeField}<input type="hidden" name="intent" value="activate">
<label for="displayName">${t.displayName}</label><input id="displayName" name="displayName" required maxlength="100" value="${escape(state.invitation.displayName)}">
<label for="username">${t.username}</label><input id="username" name="username" required autocapitalize="none" autocomplete="username" value="${escape(state.username ?? '')}">
<label for="password">${t.password}</label><input id="password" name="password" type="password" required minlength="8" autocomplete="new-password">
<button type="submit">${t.create}</button></form>
<form method="post" action="${escape(options.action)}"><h2>${t.existing}</h2>${codeField}<input type="hidden" name="intent" value="accept">
<label for="existing-username">${t.existingUsername}</label><input id="existing-username" name="username" required autocapitalize="none" autocomplete="username">
<label for="existing-password">${t.existingPassword}</label><input id="existing-password" name="password" type="password" required autocomplete="current-password">
<button type="submit">${t.join}</button></form>`;
    }
  }
  return `<!doctype html>
<html lang="${options.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;padding:1rem;display:flex;justify-content:center}
main{background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);width:min(26rem,100%);box-sizing:border-box}
h1{color:#c8102e;font-size:1.3rem;margin-top:0}h2{font-size:1rem;margin:1.5rem 0 .5rem}
label{display:block;margin:.8rem 0 .3rem}input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #ccc;border-radius:4px}
button,.button{display:block;text-align:center;text-decoration:none;margin-top:1.2rem;width:100%;box-sizing:border-box;padding:.7rem;font-size:1rem;background:#c8102e;color:#fff;border:0;border-radius:4px}
.error{color:#c8102e}form+form{border-top:1px solid #eee;margin-top:1.5rem}</style></head>
<body><main><h1>${t.title}</h1>${body}</main></body></html>`;
}

export function invitationUnknownText(lang: 'zh-CN' | 'en'): string {
  return TEXT[lang].unknown;
}
