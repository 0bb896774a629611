/**
 * Benchmark: the login page and the cockpit on a throttled connection (issue 16) — 1.6 Mbps down, 750 kbps up, 150 ms
 * latency, the CPU slowed 4×, every run with an empty cache (a new browser context). Measured in Chromium
 * (playwright-core, Debian's /usr/bin/chromium) against the built server (`npm run build`) on a data folder with the
 * demo city: from navigation to the login form usable, and — logged in through the API, so that no page asset is
 * cached — from navigation to the cockpit's first screen drawn (hero figures, ranking, alerts) and to the whole page drawn. Also the bytes that came over the
 * wire (compressed). Target: cockpit interactive (its first screen) < 3 s. KB: what had come by the moment measured.
 * Run: npm run bench:cockpit-load   — figures go to docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'zs-cockpit-load-'));
const THROTTLE = { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0, cpuSlowdown: 4 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function startServer() {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ZHAOSHANG_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ZHAOSHANG_REMINDERS: '0' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(root, 'dist/server/zhaoshang.js'), 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

/** A page with an empty cache on the throttled connection, counting the compressed bytes it receives. */
async function throttledPage(browser: Browser, url: string, logInAs?: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', baseURL: url });
  if (logInAs) {
    const answer = await context.request.post('/api/auth/login', { data: { username: logInAs, password: 'Demo@2026' } });
    if (!answer.ok()) throw new Error(`login as ${logInAs}: ${answer.status()}`);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: THROTTLE.latency, downloadThroughput: THROTTLE.downloadThroughput, uploadThroughput: THROTTLE.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuSlowdown });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
  return { page, bytes: () => bytes, close: () => context.close() };
}

async function timed(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<number> {
  const began = performance.now();
  await page.goto(path, { waitUntil: 'commit', timeout: 120_000 });
  await ready(page);
  return performance.now() - began;
}

const loginReady = async (page: Page) => {
  await page.getByLabel('用户名', { exact: true }).waitFor({ state: 'visible', timeout: 120_000 });
};
/** The first screen a leader reads: the hero figures, the units' ranking and the alerts, drawn. */
const cockpitFirstScreen = async (page: Page) => {
  for (const part of ['[data-testid="cockpit-heroes"] [data-testid^="kpi-value-"]', '[data-testid^="ranking-unit-"]', '[data-testid^="alert-count-"]']) {
    await page.locator(part).first().waitFor({ state: 'visible', timeout: 120_000 });
  }
};
/** Everything, the charts below included: no spinner or skeleton left. */
const cockpitComplete = async (page: Page) => {
  await cockpitFirstScreen(page);
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton').length === 0, undefined, { timeout: 120_000 });
};

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the start`);
const server = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const pages = [
    ['/login (logged out): the form', undefined, '/login', loginReady],
    ['/cockpit (bureau): the first screen', 'bureau', '/cockpit', cockpitFirstScreen],
    ['/cockpit (bureau): complete, charts included', 'bureau', '/cockpit', cockpitComplete],
  ] as const;
  const results: Record<string, { ms: number[]; kb: number[] }> = Object.fromEntries(pages.map(([name]) => [name, { ms: [], kb: [] }]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, user, path, ready] of pages) {
      const opened = await throttledPage(browser, server.url, user);
      results[name]!.ms.push(await timed(opened.page, path, ready));
      results[name]!.kb.push(opened.bytes() / 1024);
      await opened.close();
    }
  }
  console.log(`\nthrottled: ${THROTTLE.downloadThroughput * 8 / 1e6} Mbps down, ${THROTTLE.latency} ms, CPU ×${THROTTLE.cpuSlowdown}; empty cache each run\n`);
  console.log('| page | median ms | min ms | max ms | KB over the wire (median) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, { ms, kb }] of Object.entries(results)) {
    const sorted = [...ms].sort((a, b) => a - b);
    const kbSorted = [...kb].sort((a, b) => a - b);
    console.log(`| ${name} | ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} | ${Math.round(sorted[0]!)} | ${Math.round(sorted.at(-1)!)} | ${Math.round(kbSorted[Math.floor(kbSorted.length / 2)]!)} |`);
  }
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
