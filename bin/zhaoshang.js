#!/usr/bin/env node
// The `zhaoshang` command: the server and command as built by `npm run build` (dist/server), or, when there is no
// build or a source file changed since, the TypeScript sources through tsx (bin/cli-entry.js decides).
import { cliEntry } from './cli-entry.js';

const entry = cliEntry();
if (!entry.built) (await import('tsx/esm/api')).register();
await import(entry.url);
