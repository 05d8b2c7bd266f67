import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import { registerWebModules } from './app/module-registry';
import { webModules } from './modules';

// The composition root: the app shell knows the modules only through this registration.
registerWebModules(webModules);
initI18n(webModules);

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
