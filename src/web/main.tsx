import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App.tsx';
import './app/app.css';

// The CSP allows no eval: zod parses without compiling, and does not even probe whether it could (a probe the
// browser reports as a violation).
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
