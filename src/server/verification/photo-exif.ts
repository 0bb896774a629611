import exifr from 'exifr';
import { exifDate, type PhotoFacts } from '../../domain/evidence-checks.ts';

/**
 * A photo's capture day and place from its EXIF (exifr). The date is read raw ("YYYY:MM:DD …", the camera's local
 * time) rather than as a Date, which exifr would place in the server's time zone. A file without EXIF, or one
 * exifr cannot read, yields no facts — never an error: the reviewer sees "no date / no place".
 */
export async function photoFacts(fileId: number, content: Uint8Array): Promise<PhotoFacts> {
  try {
    const tags = (await exifr.parse(Buffer.from(content), { pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'], reviveValues: false, gps: true })) as
      | Record<string, unknown>
      | undefined;
    if (!tags) return { fileId, takenOn: null, lat: null, lon: null };
    const lat = typeof tags.latitude === 'number' && Number.isFinite(tags.latitude) ? tags.latitude : null;
    const lon = typeof tags.longitude === 'number' && Number.isFinite(tags.longitude) ? tags.longitude : null;
    return { fileId, takenOn: exifDate(tags.DateTimeOriginal ?? tags.CreateDate), lat, lon };
  } catch {
    return { fileId, takenOn: null, lat: null, lon: null };
  }
}
