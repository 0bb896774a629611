/**
 * Builds the server and the `zhaoshang` command to JavaScript (issue 19), as `npm run build` builds the web app:
 * src/cli/main.ts and the two worker entries (server processes of `serve --workers`, ledger reader threads) become
 * one ES module each in dist/server, every package left to node_modules. bin/zhaoshang.js runs them when they are
 * newer than every source file, and the sources through tsx otherwise — so a development checkout never runs stale code.
 *
 * The sources find their files beside themselves (data/, the migrations, dist/web) through `import.meta.url`: in the
 * bundle each module's `import.meta.url` is rewritten to its own source file's address, relative to the bundle, so
 * those paths mean what they mean in the sources. Plain JavaScript, so that it runs without tsx.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = join(root, 'dist', 'server');

/** Entry point → bundle name in dist/server (src/server/built.ts names the workers' bundles the same way). */
const ENTRIES = {
  'zhaoshang': 'src/cli/main.ts',
  'worker.entry': 'src/server/worker.entry.ts',
  'ledger-worker.entry': 'src/server/imports/ledger-worker.entry.ts',
};

/** Each source module's `import.meta.url` → its source file's URL, computed from the bundle's own at run time. */
const sourceUrls = (outDir) => ({
  name: 'zhaoshang-source-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const contents = await readFile(args.path, 'utf8');
      if (!contents.includes('import.meta.url')) return { contents, loader: 'ts' };
      const fromBundle = relative(outDir, args.path).split(sep).join('/');
      return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
});

/** Builds into outDir (dist/server; a test builds elsewhere), in milliseconds. */
export async function buildServer(outDir = OUT_DIR) {
  const started = performance.now();
  // Written beside, then put in place in one rename: a process starting meanwhile reads the old build or the new.
  const staging = `${outDir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(root, file)])),
    outdir: staging,
    outExtension: { '.js': '.js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [sourceUrls(outDir)],
    // The worker bundles are found beside the bundle that runs (src/server/built.ts).
    banner: { js: 'globalThis.ZHAOSHANG_BUNDLE_URL = import.meta.url;' },
  });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
  mkdirSync(dirname(outDir), { recursive: true });
  const old = `${outDir}.old-${process.pid}`;
  try {
    renameSync(outDir, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
  return performance.now() - started;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `--out <folder>` builds elsewhere than dist/server (the build's own test).
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : OUT_DIR;
  const ms = await buildServer(outDir);
  console.log(`server built to ${relative(process.cwd(), outDir) || '.'} in ${Math.round(ms)} ms`);
}
