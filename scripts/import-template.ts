import { planToTable, readPlanFile, toCsv } from '@dondoc/domain/import';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeXlsxRows } from '../apps/api/src/imports/xlsx-table.codec';

/**
 * Writes docs/import-template.csv and docs/import-template.xlsx: the Sơn Hà plan
 * (docs/examples/son-ha-2024-remediation-plan.json) as a table, one row per task.
 *   npx ts-node --transpile-only -r tsconfig-paths/register scripts/import-template.ts
 */
async function main(): Promise<void> {
  const docs = join(__dirname, '..', 'docs');
  const plan = readPlanFile(JSON.parse(readFileSync(join(docs, 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8')));
  const rows = planToTable(plan);
  // A BOM, so that Excel opens the UTF-8 (Vietnamese) text as such.
  writeFileSync(join(docs, 'import-template.csv'), `\uFEFF${toCsv(rows)}`);
  writeFileSync(join(docs, 'import-template.xlsx'), await writeXlsxRows(rows));
  console.log(`wrote docs/import-template.csv and docs/import-template.xlsx (${plan.tasks.length} task rows)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
