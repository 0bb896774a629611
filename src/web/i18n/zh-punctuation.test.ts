import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN.ts';
import { ERRORS, LABELS } from '../../shared/errors.ts';

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff01-\uff60“”‘’]/;

/**
 * ASCII , : ; ( ) ? ! beside Chinese text — an official reader notices them at once (issue 16). A mark counts when
 * the nearest character on either side (spaces skipped, placeholders such as {field} taken as text) is Chinese.
 * Numbers (1,000), times (12:30) and addresses (http(s)://) keep their ASCII marks.
 */
export function asciiPunctuationBesideChinese(text: string): string[] {
  const plain = text.replace(/https?\(s\)?:\/\/|https?:\/\//g, 'URL').replace(/\{[^{}]*\}/g, '字');
  const found: string[] = [];
  for (let i = 0; i < plain.length; i++) {
    const mark = plain[i]!;
    if (!/[,:;()?!]/.test(mark)) continue;
    let l = i - 1;
    while (l >= 0 && plain[l] === ' ') l--;
    let r = i + 1;
    while (r < plain.length && plain[r] === ' ') r++;
    const left = plain[l] ?? '';
    const right = plain[r] ?? '';
    if (/[,:]/.test(mark) && /\d/.test(plain[i - 1] ?? '') && /\d/.test(plain[i + 1] ?? '')) continue;
    if (CJK.test(left) || CJK.test(right)) found.push(`${mark} in “${plain.slice(Math.max(0, i - 6), i + 7)}”`);
  }
  return found;
}

describe('Chinese punctuation in the Chinese texts', () => {
  it('finds ASCII marks beside Chinese, and leaves numbers, times, addresses and English alone', () => {
    expect(asciiPunctuationBesideChinese('已登记,请联系')).toHaveLength(1);
    expect(asciiPunctuationBesideChinese('{field}:不能为空')).toHaveLength(1);
    expect(asciiPunctuationBesideChinese('总投资(万元)')).toHaveLength(2);
    expect(asciiPunctuationBesideChinese('共1,000元，12:30到期，须为 http(s):// 开头')).toEqual([]);
    expect(asciiPunctuationBesideChinese('Amount (yuan): 1,000')).toEqual([]);
  });

  it('the zh-CN dictionaries use Chinese punctuation', () => {
    const offending = Object.entries(zhCN).flatMap(([key, text]) => asciiPunctuationBesideChinese(text).map((where) => `${key}: ${where}`));
    expect(offending).toEqual([]);
  });

  it('the error catalogue and its field labels use Chinese punctuation in Chinese', () => {
    const entries = [...Object.entries(ERRORS), ...Object.entries(LABELS)];
    const offending = entries.flatMap(([key, message]) => asciiPunctuationBesideChinese(message.zh).map((where) => `${key}: ${where}`));
    expect(offending).toEqual([]);
  });
});
