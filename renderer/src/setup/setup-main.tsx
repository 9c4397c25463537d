import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/inter/latin-800.css';
import '@fontsource/inter/latin-ext-400.css';
import '@fontsource/inter/latin-ext-600.css';
import '@fontsource/inter/latin-ext-800.css';
import './setup.css';
import { render } from 'preact';
import { SetupApp } from './setup-app.js';
import { safeStorage, takeToken } from './setup-token.js';

const storage = safeStorage(() => window.sessionStorage);
const { token, fromFragment } = takeToken(location.hash, storage);
// The token leaves the address bar (and so screenshots, shared links and the history list) at once;
// sessionStorage keeps it for a reload of this tab only.
if (fromFragment) history.replaceState(history.state, '', location.pathname + location.search);

const root = document.getElementById('app');
if (root) render(<SetupApp initialToken={token} storage={storage} />, root);
