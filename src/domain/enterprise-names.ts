/**
 * Telling whether two enterprise names are the same company as people write them (issue 6's duplicate check):
 * full-width and half-width characters, brackets, spaces, "有限责任公司" for "有限公司", a place name in brackets.
 * Pure: the server asks for candidates and shows them without another unit's confidential details.
 */

/** Full-width ASCII and the ideographic space to half-width; Chinese brackets to ASCII ones. */
function halfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[【〔［]/g, '(')
    .replace(/[】〕］]/g, ')');
}

/** The name as a comparison key: half-width, no spaces or dots, one form for the company suffix, lower case. */
export function enterpriseNameKey(name: string): string {
  return halfWidth(name)
    .replace(/[\s·.,、]/g, '')
    .replace(/有限责任公司$/, '有限公司')
    .replace(/股份有限公司$/, '股份公司')
    .toLowerCase();
}

const COMPANY_FORMS = /(股份公司|有限公司|集团公司|总公司|公司|集团|有限合伙|合伙企业)$/;

/** The distinctive part: the key without its company form and without a place in brackets ("(深圳)"). */
export function enterpriseNameCore(name: string): string {
  let core = enterpriseNameKey(name);
  for (let i = 0; i < 3; i++) core = core.replace(COMPANY_FORMS, '');
  return core.replace(/\([^)]*\)/g, '');
}

export type NameMatch = 'same' | 'similar' | null;

/**
 * 'same': one company written two ways ("华为技术有限公司" / "华为技术 有限责任公司"); 'similar': worth a look before
 * creating another record ("比亚迪股份有限公司" / "比亚迪汽车工业有限公司" are not; "宁德时代(深圳)" / "宁德时代" are).
 */
export function compareEnterpriseNames(a: string, b: string): NameMatch {
  if (enterpriseNameKey(a) === enterpriseNameKey(b)) return 'same';
  const [x, y] = [enterpriseNameCore(a), enterpriseNameCore(b)];
  if (x.length < 2 || y.length < 2) return null;
  if (x === y) return 'similar';
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.startsWith(short) ? 'similar' : null;
}
