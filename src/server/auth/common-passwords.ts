import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { passwordProblem, type PasswordProblem } from '../../domain/password-policy.ts';

const FILE = fileURLToPath(new URL('../../../data/common-passwords.txt', import.meta.url));

let list: Set<string> | undefined;

/** The leaked passwords of data/common-passwords.txt (lower case), read once. */
export function commonPasswords(): ReadonlySet<string> {
  list ??= new Set(
    readFileSync(FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
  return list;
}

/** The whole policy as the server applies it: the domain's rules and the list of common passwords. */
export function serverPasswordProblem(password: string, username?: string): PasswordProblem | null {
  return passwordProblem(password, username, commonPasswords());
}
