import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, evidenceFileProblem, sniffEvidenceType } from './evidence-files.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('evidence files', () => {
  it('recognises photos and scans by their first bytes', () => {
    expect(sniffEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffEvidenceType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffEvidenceType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses anything else, empty files and files over the limit', () => {
    expect(evidenceFileProblem(new TextEncoder().encode('MZ\x90\0 an exe renamed to .jpg'))).toBe('type');
    expect(evidenceFileProblem(new TextEncoder().encode('<svg onload=alert(1)>'))).toBe('type');
    expect(evidenceFileProblem(new Uint8Array(0))).toBe('empty');
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(evidenceFileProblem(big)).toBe('tooLarge');
    expect(evidenceFileProblem(big.subarray(0, EVIDENCE_MAX_BYTES))).toBeNull();
  });
});
