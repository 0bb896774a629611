/**
 * Whether this code runs from the build (`npm run build` → dist/server, scripts/build-server.mjs) or from the sources
 * through tsx (development, tests), and so which file a worker process or thread starts from. Each bundle sets
 * ZHAOSHANG_BUNDLE_URL to its own address before any module runs; the sources never do.
 */
declare global {
  var ZHAOSHANG_BUNDLE_URL: string | undefined;
}

export const BUILT = typeof globalThis.ZHAOSHANG_BUNDLE_URL === 'string';

/** The entry a worker starts from: its bundle beside the running one when built, its source file otherwise. */
export function workerEntry(bundle: 'worker.entry' | 'ledger-worker.entry', source: URL): URL {
  return BUILT ? new URL(`./${bundle}.js`, globalThis.ZHAOSHANG_BUNDLE_URL) : source;
}
