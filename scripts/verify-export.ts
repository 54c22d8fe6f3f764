import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ExportChecker } from '../libs/event-store/src/export/export-file';

/**
 * npm run verify-export -- file.jsonl
 * Checks an audit export offline, with no database: every content hash and stream chain in the
 * file, the anchors' own hashes and chain, and that each event under an anchor is the one it
 * sealed. Prints the result; exits 1 naming the first bad line.
 */
export async function verifyExportFile(path: string) {
  const checker = new ExportChecker();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (!checker.push(line)) break;
  lines.close();
  return checker.finish();
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run verify-export -- <file.jsonl>');
  const r = await verifyExportFile(file);
  if (r.ok) console.log(`OK: ${r.events} events and ${r.anchors} anchors verify (${r.lines} lines)`);
  else console.log(`BAD line ${r.firstBadLine!.line}: ${r.firstBadLine!.reason}`);
  process.exitCode = r.ok ? 0 : 1;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`verify-export: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  });
}
