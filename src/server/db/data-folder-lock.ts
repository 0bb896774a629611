import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * The embedded database belongs to one process at a time: two PGlite instances on one folder each keep their own
 * copy of the database in memory and write over each other, so a user added by a second process is lost when the
 * first one stops. Every opener of the folder (db/client.ts, backup, restore, demo --reset) takes this lock first
 * and holds it for the process's life.
 *
 * The lock is a file beside the folder (`db.lock`), created exclusively, naming its holder: pid, the process's
 * start time as the kernel records it, host, command, since when and (for a server) its port. A holder whose process
 * is gone — killed with `kill -9`, the machine restarted — is detected at once and its lock taken over, so a stale
 * lock never blocks a restart; comparing the start time too tells a live holder from an unrelated process that has
 * since been given the same pid (as happens to pid 1 when a container restarts).
 */
export type LockHolder = {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux /proc/<pid>/stat); null where unknown. */
  startTicks: number | null;
  host: string;
  command: string;
  since: string;
  port: number | null;
};

export type DataFolderLock = {
  readonly path: string;
  /** Adds what others should know about the holder, e.g. the port once the server listens. */
  describe(details: { port?: number | null; command?: string }): void;
  release(): void;
};

/** Another process holds the folder. The message names it; the CLI adds what to do for the command it ran. */
export class DataFolderInUse extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    super(`${holder.command === 'serve' ? 'the server is running on this data folder' : 'another zhaoshang process is using this data folder'} (${folder}): ${holderText(holder)}`);
    this.name = 'DataFolderInUse';
  }
}

export function holderText(holder: LockHolder): string {
  const parts = [`zhaoshang ${holder.command}`, `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}`, `since ${holder.since.slice(0, 16).replace('T', ' ')} UTC`];
  if (holder.command === 'serve') parts.push(holder.port ? `port ${holder.port}` : 'still starting');
  return parts.join(', ');
}

let thisCommand = 'zhaoshang';
/** What this process is, as a refusal elsewhere names it ("serve", "user add"); the CLI sets it before a command runs. */
export function nameThisProcess(command: string): void {
  thisCommand = command;
}

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), or null off Linux or for no such process. */
export function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote the lock still runs. Unknown (another host) counts as running: never guess. */
export function holderRuns(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The pid runs; it is the holder only if it started when the holder did (else the pid was given out again).
  if (holder.startTicks !== null && existsSync('/proc/self/stat')) {
    const ticks = processStartTicks(holder.pid);
    if (ticks !== null && ticks !== holder.startTicks) return false;
  }
  return true;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.since === 'string' ? ({ startTicks: null, host: hostname(), command: 'zhaoshang', port: null, ...value } as LockHolder) : null;
  } catch {
    return null;
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the lock of an embedded database folder (the lock file is `<folder>.lock`), or throws DataFolderInUse.
 * A stale lock is taken over with one line of notice.
 */
export function lockDataFolder(folder: string, notice: (line: string) => void = (line) => console.warn(line)): DataFolderLock {
  const path = `${folder}.lock`;
  const me: LockHolder = { pid: process.pid, startTicks: processStartTicks(process.pid), host: hostname(), command: thisCommand, since: new Date().toISOString(), port: null };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeFileSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return heldLock(path, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readText(path);
    if (text === null) continue; // released meanwhile
    const holder = parseHolder(text);
    if (holder === null) {
      // Being written this instant by its creator, or left empty by a crash between create and write.
      if (attempt < 10) {
        sleepSync(20);
        continue;
      }
    } else if (holderRuns(holder)) {
      throw new DataFolderInUse(folder, holder);
    }
    // Stale: move it aside (atomic), and make sure what was moved is what was judged stale, not a lock that another
    // process made in between — that one is put back.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = readText(aside);
    if (moved !== text) {
      try {
        linkSync(aside, path);
      } finally {
        unlinkSync(aside);
      }
      continue;
    }
    unlinkSync(aside);
    notice(`zhaoshang: took over the lock on ${folder}, left by a process that is no longer running${holder ? ` (${holderText(holder)})` : ''}`);
  }
  throw new Error(`could not take the lock ${path}: it keeps changing; try again`);
}

function heldLock(path: string, me: LockHolder): DataFolderLock {
  let held = true;
  const ours = () => readText(path) === JSON.stringify(me);
  const releaseAtExit = () => lock.release();
  const lock: DataFolderLock = {
    path,
    describe(details) {
      if (!held) return;
      const before = JSON.stringify(me);
      Object.assign(me, details);
      if (readText(path) !== before) return;
      // Written beside and renamed over: a reader never sees a half-written lock.
      const next = `${path}.${process.pid}.tmp`;
      writeFileSync(next, JSON.stringify(me));
      renameSync(next, path);
    },
    release() {
      if (!held) return;
      held = false;
      process.off('exit', releaseAtExit);
      try {
        if (ours()) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
  process.on('exit', releaseAtExit);
  return lock;
}
