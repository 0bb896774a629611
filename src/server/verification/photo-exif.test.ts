import { describe, expect, it } from 'vitest';
import { photoFacts } from './photo-exif.ts';
import { jpegWithExif } from '../../../test/support/exif-jpeg.ts';
import { evidenceFileProblem } from '../../domain/evidence-files.ts';

describe('a photo’s capture day and place from its EXIF', () => {
  it('reads DateTimeOriginal as the camera’s day and GPS as decimal degrees', async () => {
    const photo = jpegWithExif({ takenAt: '2026:03:01 23:30:00', lat: 32.0089, lon: -112.1224 });
    expect(evidenceFileProblem(photo)).toBeNull();
    const facts = await photoFacts(5, photo);
    expect(facts).toMatchObject({ fileId: 5, takenOn: '2026-03-01' });
    expect(facts.lat).toBeCloseTo(32.0089, 3);
    expect(facts.lon).toBeCloseTo(-112.1224, 3);
  });
  it('a photo with a date but no GPS has no place', async () => {
    expect(await photoFacts(1, jpegWithExif({ takenAt: '2025:01:02 10:00:00' }))).toEqual({ fileId: 1, takenOn: '2025-01-02', lat: null, lon: null });
  });
  it('a file without EXIF, or not an image, yields no facts rather than an error', async () => {
    expect(await photoFacts(1, Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toEqual({ fileId: 1, takenOn: null, lat: null, lon: null });
    expect(await photoFacts(2, Buffer.from('%PDF-1.4 hello'))).toEqual({ fileId: 2, takenOn: null, lat: null, lon: null });
  });
});
