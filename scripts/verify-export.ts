import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ExportChecker } from '../libs/event-store/src/export/export-file';
import { FolderCheck, checkFolder, filesOfEvents } from '../apps/api/src/files/verify-files/export-files';

/**
 * npm run verify-export -- file.jsonl [--files <folder>]
 * Checks an audit export offline, with no database: every content hash and stream chain in the
 * file, the anchors' own hashes and chain, and that each event under an anchor is the one it
 * sealed. With --files, also that each evidence file the events reference is in the folder (named
 * by its SHA-256 or its recorded name) and hashes to the SHA-256 its event recorded. Prints the
 * result; exits 1 naming the first bad line or file.
 */
export async function verifyExportFile(path: string, folder?: string) {
  const checker = new ExportChecker();
  const events: { streamId: string; version: number; type: string; data: unknown }[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!checker.push(line)) break;
    // Only the file facts of report events are kept (not every event): the files are checked against them.
    if (folder && line.includes('"fileId"')) events.push(JSON.parse(line));
  }
  lines.close();
  const result = checker.finish();
  let files: FolderCheck | undefined;
  if (folder && result.ok) files = await checkFolder(filesOfEvents(events), folder);
  return files ? { ...result, ok: result.ok && files.ok, files } : result;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run verify-export -- <file.jsonl> [--files <folder>]');
  const i = process.argv.indexOf('--files');
  const r = await verifyExportFile(file, i > 0 ? process.argv[i + 1] : undefined);
  const files = 'files' in r ? r.files : undefined;
  if (r.ok)
    console.log(
      `OK: ${r.events} events and ${r.anchors} anchors verify (${r.lines} lines)${files ? `; ${files.checked} files match their recorded SHA-256` : ''}`,
    );
  else if (r.firstBadLine) console.log(`BAD line ${r.firstBadLine.line}: ${r.firstBadLine.reason}`);
  else {
    const m = files!.firstMismatch!;
    console.log(
      `BAD file ${m.name} (${m.fileId}), referenced by ${m.streamId} v${m.version}: ${m.reason === 'missing' ? 'not in the folder' : `${m.path} does not hash to the recorded SHA-256`}`,
    );
  }
  process.exitCode = r.ok ? 0 : 1;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`verify-export: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  });
}
