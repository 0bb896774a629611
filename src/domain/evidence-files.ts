/**
 * Evidence files: what may be uploaded. The type is read from the file's first bytes, never from its name or the
 * browser's word, so a renamed executable is refused.
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { type: string; bytes: number[]; offset?: number }[] = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
];

export type EvidenceFileProblem = 'empty' | 'tooLarge' | 'type';

export function sniffEvidenceType(head: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    const offset = signature.offset ?? 0;
    if (signature.bytes.every((b, i) => head[offset + i] === b)) {
      if (signature.type === 'image/webp' && String.fromCharCode(...head.slice(0, 4)) !== 'RIFF') continue;
      return signature.type;
    }
  }
  return null;
}

export function evidenceFileProblem(content: Uint8Array): EvidenceFileProblem | null {
  if (content.length === 0) return 'empty';
  if (content.length > EVIDENCE_MAX_BYTES) return 'tooLarge';
  return sniffEvidenceType(content) ? null : 'type';
}
