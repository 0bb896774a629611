/**
 * A tiny JPEG carrying EXIF — the capture time (DateTimeOriginal) and, optionally, GPS — built byte by byte so a
 * test states exactly what the photo claims. Little-endian TIFF inside an APP1 segment; no image data (exifr and
 * the upload's type sniffing read only the header segments).
 */
export function jpegWithExif(options: { takenAt?: string; lat?: number; lon?: number }): Buffer {
  const entries: { tag: number; type: number; count: number; value: Buffer | number }[][] = [[], [], []];
  const ascii = (text: string) => Buffer.from(text + '\0', 'ascii');
  const rationals = (deg: number) => {
    const abs = Math.abs(deg);
    const d = Math.floor(abs);
    const m = Math.floor((abs - d) * 60);
    const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
    const b = Buffer.alloc(24);
    [d, 1, m, 1, s, 100].forEach((v, i) => b.writeUInt32LE(v, i * 4));
    return b;
  };
  const hasGps = options.lat !== undefined && options.lon !== undefined;
  // IFD0 points to the Exif IFD (and the GPS IFD); their offsets are filled in once the layout is known.
  entries[0]!.push({ tag: 0x8769, type: 4, count: 1, value: 0 });
  if (hasGps) entries[0]!.push({ tag: 0x8825, type: 4, count: 1, value: 0 });
  if (options.takenAt) entries[1]!.push({ tag: 0x9003, type: 2, count: 20, value: ascii(options.takenAt) });
  if (hasGps) {
    entries[2]!.push({ tag: 0x0001, type: 2, count: 2, value: ascii(options.lat! >= 0 ? 'N' : 'S') });
    entries[2]!.push({ tag: 0x0002, type: 5, count: 3, value: rationals(options.lat!) });
    entries[2]!.push({ tag: 0x0003, type: 2, count: 2, value: ascii(options.lon! >= 0 ? 'E' : 'W') });
    entries[2]!.push({ tag: 0x0004, type: 5, count: 3, value: rationals(options.lon!) });
  }
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const offsets: number[] = [];
  let cursor = 8;
  for (const list of entries) {
    offsets.push(cursor);
    cursor += ifdSize(list.length);
    for (const e of list) if (Buffer.isBuffer(e.value) && e.value.length > 4) cursor += e.value.length;
  }
  entries[0]![0]!.value = offsets[1]!;
  if (hasGps) entries[0]![1]!.value = offsets[2]!;
  const tiff = Buffer.alloc(cursor);
  tiff.write('II', 0, 'ascii');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  entries.forEach((list, k) => {
    let at = offsets[k]!;
    let data = at + ifdSize(list.length);
    tiff.writeUInt16LE(list.length, at);
    at += 2;
    for (const e of list) {
      tiff.writeUInt16LE(e.tag, at);
      tiff.writeUInt16LE(e.type, at + 2);
      tiff.writeUInt32LE(e.count, at + 4);
      if (typeof e.value === 'number') tiff.writeUInt32LE(e.value, at + 8);
      else if (e.value.length <= 4) e.value.copy(tiff, at + 8);
      else {
        tiff.writeUInt32LE(data, at + 8);
        e.value.copy(tiff, data);
        data += e.value.length;
      }
      at += 12;
    }
    tiff.writeUInt32LE(0, at);
  });
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(app1.length + 2, 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), header, app1, Buffer.from([0xff, 0xd9])]);
}
