/**
 * Password policy: at least 8 characters and at least three of four character classes
 * (lower case, upper case, digits, symbols) — the usual 等保 (MLPS) baseline.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;

export type PasswordProblem = 'tooShort' | 'tooFewClasses' | 'containsUsername';

export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_MIN_CLASSES) return 'tooFewClasses';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'containsUsername';
  }
  return null;
}
