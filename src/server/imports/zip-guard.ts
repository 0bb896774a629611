import { createInflateRaw } from 'node:zlib';

/**
 * The one check every zip the app opens goes through before a zip library sees it (issue 18): each entry is
 * inflated for real — streamed, its output counted and thrown away — against caps on the bytes that actually come
 * out, per entry and in total, and on the ratio to the compressed bytes. A zip that lies about its sizes in its
 * directory is refused by what it does, after reading at most one chunk past the cap, never held in memory.
 */
export type ZipLimits = {
  /** All entries together, inflated. */
  totalBytes: number;
  /** One entry, inflated. */
  entryBytes: number;
  /** Inflated ÷ compressed, for an entry over `ratioFloorBytes` inflated. */
  ratio: number;
  ratioFloorBytes: number;
  entries: number;
};

export type ZipRefusal = 'notAZip' | 'tooMuchData';

export class ZipRefused extends Error {
  constructor(
    readonly reason: ZipRefusal,
    readonly entry?: string,
  ) {
    super(`zip refused: ${reason}${entry ? ` (${entry})` : ''}`);
  }
}

export type ZipEntry = { name: string; method: number; compressedSize: number; declaredSize: number; dataStart: number };

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** The entries as the central directory lists them, each located at its data through its local header. */
export function zipEntries(file: Buffer, maxEntries: number): ZipEntry[] {
  const eocd = file.lastIndexOf(END);
  if (eocd < 0 || eocd + 22 > file.length) throw new ZipRefused('notAZip');
  const count = file.readUInt16LE(eocd + 10);
  if (count > maxEntries) throw new ZipRefused('tooMuchData');
  let at = file.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL) throw new ZipRefused('notAZip');
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const declaredSize = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const local = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    // Encrypted entries, Zip64 ("see the extra field") and methods other than stored and deflate: no ledger needs them.
    if (flags & 0x1 || compressedSize === 0xffffffff || declaredSize === 0xffffffff || local === 0xffffffff) throw new ZipRefused('tooMuchData', name);
    if (method !== 0 && method !== 8) throw new ZipRefused('notAZip', name);
    if (local + 30 > file.length || file.readUInt32LE(local) !== LOCAL) throw new ZipRefused('notAZip', name);
    const dataStart = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (dataStart + compressedSize > file.length) throw new ZipRefused('notAZip', name);
    entries.push({ name, method, compressedSize, declaredSize, dataStart });
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return entries;
}

const CHUNK = 64 * 1024;

/** Inflates one entry's data, counting what comes out; stops and refuses as soon as a cap is passed. */
function inflatedSize(data: Buffer, cap: number, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: CHUNK });
    let produced = 0;
    let done = false;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      if (error) {
        inflate.destroy();
        reject(error);
      } else resolve(produced);
    };
    inflate.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > cap) finish(new ZipRefused('tooMuchData', name));
    });
    inflate.on('error', () => finish(new ZipRefused('notAZip', name)));
    inflate.on('end', () => finish(null));
    // Fed in slices, so that a refusal stops the work after one slice's worth of output.
    let offset = 0;
    const feed = () => {
      while (!done && offset < data.length) {
        const slice = data.subarray(offset, offset + CHUNK);
        offset += slice.length;
        if (!inflate.write(slice)) return void inflate.once('drain', feed);
      }
      if (!done) inflate.end();
    };
    feed();
  });
}

/** Refuses a zip that inflates past the limits (what it says about its sizes is not believed). */
export async function guardZip(file: Buffer, limits: ZipLimits): Promise<ZipEntry[]> {
  const entries = zipEntries(file, limits.entries);
  let total = 0;
  for (const entry of entries) {
    const data = file.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const cap = Math.min(limits.entryBytes, limits.totalBytes - total);
    const size = entry.method === 0 ? data.length : await inflatedSize(data, cap, entry.name);
    if (size > cap) throw new ZipRefused('tooMuchData', entry.name);
    if (size > limits.ratioFloorBytes && size > limits.ratio * Math.max(entry.compressedSize, 1)) throw new ZipRefused('tooMuchData', entry.name);
    total += size;
  }
  return entries;
}
