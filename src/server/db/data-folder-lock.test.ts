import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client.ts';
import { DataFolderInUse, lockDataFolder, processStartTicks, type LockHolder } from './data-folder-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'zs-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, `db${++n}`);

function leaveLock(dir: string, holder: Partial<LockHolder>) {
  const full: LockHolder = { pid: process.pid, startTicks: processStartTicks(process.pid), host: hostname(), command: 'serve', since: '2026-12-02T08:00:00.000Z', port: 3000, ...holder };
  writeFileSync(`${dir}.lock`, JSON.stringify(full));
}

describe('the embedded data folder lock', () => {
  it('is held until released; meanwhile a second opener is refused with the holder named', () => {
    const dir = folder();
    const lock = lockDataFolder(dir);
    lock.describe({ port: 4321, command: 'serve' });
    const refusal = (() => {
      try {
        lockDataFolder(dir);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DataFolderInUse);
    expect((refusal as Error).message).toMatch(new RegExp(`^the server is running on this data folder \\(${dir}\\): zhaoshang serve, pid ${process.pid}, since .+ UTC, port 4321$`));
    lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    lockDataFolder(dir).release();
  });

  it('takes over at once a lock whose process is gone (kill -9), with one line of notice', () => {
    const dir = folder();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    leaveLock(dir, { pid: gone, startTicks: null });
    const notices: string[] = [];
    const lock = lockDataFolder(dir, (line) => notices.push(line));
    expect(notices).toEqual([`zhaoshang: took over the lock on ${dir}, left by a process that is no longer running (zhaoshang serve, pid ${gone}, since 2026-12-02 08:00 UTC, port 3000)`]);
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it.skipIf(processStartTicks(process.pid) === null)('takes over a lock whose pid now belongs to another process (started at another time)', () => {
    const dir = folder();
    leaveLock(dir, { startTicks: processStartTicks(process.pid)! - 1 });
    const notices: string[] = [];
    lockDataFolder(dir, (line) => notices.push(line)).release();
    expect(notices).toHaveLength(1);
  });

  it('never takes over a lock held from another machine, whose process it cannot see', () => {
    const dir = folder();
    leaveLock(dir, { host: 'another-host', pid: 999_999 });
    expect(() => lockDataFolder(dir)).toThrow(/pid 999999 on another-host/);
    expect(existsSync(`${dir}.lock`)).toBe(true);
  });

  it('is taken by every opening of an embedded folder: a second database on it is refused, the first goes on', async () => {
    const dir = folder();
    const first = await openDatabase({ dataDir: dir });
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataFolderInUse);
      await first.db.execute(sql`select 1`);
    } finally {
      await first.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  }, 120_000);
});
