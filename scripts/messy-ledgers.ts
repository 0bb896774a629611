import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MESSY_LEDGERS } from '../test/support/messy-ledgers.ts';

/** `npm run ledgers:messy -- [DIR]`: writes every messy ledger of test/support/messy-ledgers.ts to DIR (./messy-ledgers). */
const dir = resolve(process.argv[2] ?? 'messy-ledgers');
mkdirSync(dir, { recursive: true });
for (const ledger of MESSY_LEDGERS) {
  writeFileSync(join(dir, ledger.fileName), await ledger.build());
  console.log(`${ledger.fileName}  ${ledger.what}`);
}
console.log(`written to ${dir}`);
