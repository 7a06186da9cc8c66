// HTML for the development identity provider's own pages (login, errors, logout). Small,
// self-contained (inline CSS, no assets) and styled to match Slipway.
import { escapeHtml } from "@/lib/escape-html";
import { DEMO_PASSWORD, DEMO_USERS } from "./users";

export { escapeHtml };

const STYLES = `
  *,*::before,*::after{box-sizing:border-box}
  :root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1f2128;--muted:#5f6370;--border:#e3e5ea;
    --primary:#3b4fd8;--primary-fg:#fff;--danger:#c4322b;--danger-bg:#fdecea;--code:#f0f1f4}
  @media (prefers-color-scheme:dark){:root{--bg:#16171b;--card:#1f2026;--fg:#f1f2f4;--muted:#9a9dab;
    --border:#2e3038;--primary:#7a89f2;--primary-fg:#16171b;--danger:#f0716a;--danger-bg:#3a1f1f;--code:#2a2c33}}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
    background:var(--bg);color:var(--fg);font:14px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",sans-serif}
  main{width:100%;max-width:400px}
  .brand{display:flex;align-items:center;gap:8px;justify-content:center;margin-bottom:16px;font-weight:600;font-size:15px}
  .badge{font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
    border:1px solid var(--border);border-radius:999px;padding:1px 8px}
  .card{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:28px;
    box-shadow:0 1px 2px rgba(0,0,0,.04),0 8px 24px rgba(0,0,0,.04)}
  h1{font-size:20px;margin:0 0 4px}
  p{margin:0 0 16px;color:var(--muted)}
  label{display:block;font-weight:500;margin:14px 0 6px}
  input{width:100%;padding:9px 11px;border:1px solid var(--border);border-radius:8px;background:transparent;
    color:inherit;font:inherit}
  input:focus{outline:2px solid var(--primary);outline-offset:1px;border-color:transparent}
  button{font:inherit;cursor:pointer}
  .primary{width:100%;margin-top:20px;padding:10px 12px;border:0;border-radius:8px;background:var(--primary);
    color:var(--primary-fg);font-weight:600}
  .primary:hover{filter:brightness(1.08)}
  .link{background:none;border:0;padding:0;color:var(--muted);text-decoration:underline}
  .error{margin:0 0 12px;padding:10px 12px;border-radius:8px;background:var(--danger-bg);color:var(--danger);font-weight:500}
  .demo{margin-top:24px;border-top:1px solid var(--border);padding-top:16px}
  .demo h2{font-size:13px;margin:0 0 8px}
  .users{list-style:none;margin:0;padding:0;display:grid;gap:6px}
  .users button{width:100%;display:flex;justify-content:space-between;align-items:center;gap:8px;text-align:left;
    padding:7px 10px;border:1px solid var(--border);border-radius:8px;background:transparent;color:inherit}
  .users button:hover{border-color:var(--primary)}
  .users small{color:var(--muted)}
  code{background:var(--code);border-radius:4px;padding:1px 5px;font-size:12.5px}
  .footer{display:flex;justify-content:space-between;margin-top:16px;font-size:12.5px;color:var(--muted)}
`;

// Slipway's logo mark (as in components/layout/logo.tsx); inline so the page needs no assets.
const LOGO = `<svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true"><rect width="32" height="32" rx="8" fill="var(--primary)"/>
<path d="M7 21 L21 9" stroke="#fff" stroke-width="2.75" stroke-linecap="round" fill="none"/>
<path d="M6 24.5c2 0 2.5-1.5 4.5-1.5s2.5 1.5 4.5 1.5 2.5-1.5 4.5-1.5 2.5 1.5 4.5 1.5 2-1 2-1" stroke="#fff" stroke-opacity=".75" stroke-width="2" stroke-linecap="round" fill="none"/>
<circle cx="22.5" cy="8" r="2.25" fill="#fff"/></svg>`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Slipway development login</title>
<style>${STYLES}</style>
</head>
<body>
<main>
<div class="brand">${LOGO}<span>Slipway</span><span class="badge">Development identity provider</span></div>
<div class="card">
${body}
</div>
</main>
</body>
</html>`;
}

export interface TLoginPageOptions {
  uid: string;
  clientName: string;
  username?: string;
  error?: string;
}

export function loginPage({ uid, clientName, username, error }: TLoginPageOptions): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const users = DEMO_USERS.map(
    (user) => `<li><button type="button" data-username="${escapeHtml(user.username)}">
      <span><strong>${escapeHtml(user.username)}</strong> · ${escapeHtml(user.name)}</span>
      <small>${escapeHtml(user.role)}</small></button></li>`,
  ).join("\n");
  return layout(
    "Sign in",
    `<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(clientName)}</strong></p>
${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ""}
<form method="post" action="${action}/login" autocomplete="off">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" required ${username ? "" : "autofocus"} autocapitalize="none"
    spellcheck="false" value="${escapeHtml(username ?? "")}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required ${username ? "autofocus" : ""}>
  <button class="primary" type="submit">Sign in</button>
</form>
<section class="demo" aria-labelledby="demo-users">
  <h2 id="demo-users">Demo users</h2>
  <p>All demo users share the password <code>${escapeHtml(DEMO_PASSWORD)}</code>. Click one to fill in the form.</p>
  <ul class="users">
${users}
  </ul>
</section>
<div class="footer">
  <span>For local development only.</span>
  <form method="post" action="${action}/abort"><button class="link" type="submit">Cancel</button></form>
</div>
<script>
  for (const button of document.querySelectorAll("[data-username]")) {
    button.addEventListener("click", () => {
      document.getElementById("username").value = button.dataset.username;
      const password = document.getElementById("password");
      password.value = ${JSON.stringify(DEMO_PASSWORD)};
      password.focus();
    });
  }
</script>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** oidc-provider's RP-initiated logout confirmation; `form` is the provider's own hidden form. */
export function logoutPage(form: string): string {
  return layout(
    "Sign out",
    `<h1>Sign out</h1>
<p>Sign out of the development identity provider as well?</p>
${form}
<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<div class="footer"><button class="link" type="submit" form="op.logoutForm">No, stay signed in</button></div>`,
  );
}
