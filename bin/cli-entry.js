// Which code the `zhaoshang` command runs (issue 19): the build in dist/server (`npm run build`), when it is there and
// newer than every source file it was built from; otherwise the TypeScript sources, through tsx. So an installation
// starts without compiling anything, and a development checkout never runs a build older than its sources.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The source folders the server and the command are built from (the web app is built apart, into dist/web). */
export const SOURCE_FOLDERS = ['src/server', 'src/cli', 'src/domain', 'src/shared'];
export const BUILT_ENTRY = 'dist/server/zhaoshang.js';
export const SOURCE_ENTRY = 'src/cli/main.ts';

function newestChange(folder, newerThan) {
  // A folder's own time changes when a file is added, removed or renamed in it.
  let newest = statSync(folder).mtimeMs;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const time = entry.isDirectory() ? newestChange(path, newerThan) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
    if (newest > newerThan) break;
  }
  return newest;
}

/** { url, built }: the module to import, and whether it is the build. */
export function cliEntry(root = fileURLToPath(new URL('..', import.meta.url))) {
  const sources = { url: pathToFileURL(join(root, SOURCE_ENTRY)).href, built: false };
  let builtAt;
  try {
    builtAt = statSync(join(root, BUILT_ENTRY)).mtimeMs;
  } catch {
    return sources;
  }
  for (const folder of SOURCE_FOLDERS) {
    try {
      if (newestChange(join(root, folder), builtAt) > builtAt) return sources;
    } catch {
      // A folder an installation does not ship is no newer than the build.
    }
  }
  return { url: pathToFileURL(join(root, BUILT_ENTRY)).href, built: true };
}
