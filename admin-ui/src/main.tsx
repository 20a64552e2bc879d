import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { completeLoginIfReturning, type ConsoleConfig } from './auth/oidc';
import { apiBase, loadMe } from './data/session';

// The console learns where to log in from the gateway that serves it (embedded provider or Keycloak).
const config = (await (await fetch(`${apiBase}/console-config`)).json()) as ConsoleConfig;
await completeLoginIfReturning(config).catch((error: unknown) => console.error('login failed', error));
await loadMe(config);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
);
