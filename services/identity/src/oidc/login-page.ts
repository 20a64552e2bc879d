/** The embedded provider's login form: Chinese first, usable on a phone, no scripts. */
export function renderLoginPage(options: {
  action: string;
  error?: 'failed' | 'throttled';
  waitSeconds?: number;
  username?: string;
  lang: 'zh-CN' | 'en';
}): string {
  const minutes = Math.max(1, Math.ceil((options.waitSeconds ?? 0) / 60));
  const t =
    options.lang === 'en'
      ? {
          title: 'Dangjian Cloud — sign in',
          username: 'Username',
          password: 'Password',
          submit: 'Sign in',
          failed: 'Wrong username or password',
          throttled: `Too many failed attempts: try again in ${minutes} min`,
        }
      : {
          title: '党建云 — 登录',
          username: '用户名',
          password: '密码',
          submit: '登录',
          failed: '用户名或密码错误',
          throttled: `登录失败次数过多，请 ${minutes} 分钟后再试`,
        };
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="${options.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
form{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);width:min(22rem,90vw)}h1{color:#c8102e;font-size:1.3rem;margin-top:0}
label{display:block;margin:.8rem 0 .3rem}input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #ccc;border-radius:4px}
button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1rem;background:#c8102e;color:#fff;border:0;border-radius:4px}.error{color:#c8102e}</style></head>
<body><form method="post" action="${escape(options.action)}" autocomplete="off"><h1>${t.title}</h1>
${options.error ? `<p class="error" role="alert">${options.error === 'throttled' ? t.throttled : t.failed}</p>` : ''}
<label for="username">${t.username}</label><input id="username" name="username" required autofocus value="${escape(options.username ?? '')}">
<label for="password">${t.password}</label><input id="password" name="password" type="password" required>
<button type="submit">${t.submit}</button></form></body></html>`;
}

/**
 * A log-in link that is no longer a log-in (unknown, expired or already used, or opened in another
 * browser): a page that sends the person back to the console to start again, never a 500.
 */
export function renderLoginExpiredPage(options: { lang: 'zh-CN' | 'en'; consoleUrl: string }): string {
  const t =
    options.lang === 'en'
      ? {
          title: 'Dangjian Cloud — sign in',
          text: 'This sign-in page has expired or is not valid in this browser.',
          back: 'Back to the console to sign in again',
        }
      : {
          title: '党建云 — 登录',
          text: '此登录页面已过期，或不是在本浏览器中打开的。',
          back: '返回控制台重新登录',
        };
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="${options.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title></head>
<body><h1>${t.title}</h1><p role="alert">${t.text}</p><p><a href="${escape(options.consoleUrl)}">${t.back}</a></p></body></html>`;
}
