/** Types of bin/cli-entry.js (plain JavaScript, so that the command starts without compiling anything). */
export const SOURCE_FOLDERS: string[];
export const BUILT_ENTRY: string;
export const SOURCE_ENTRY: string;
export function cliEntry(root?: string): { url: string; built: boolean };
