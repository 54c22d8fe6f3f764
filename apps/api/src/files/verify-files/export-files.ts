import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A file an exported event references, as the (hash-chained) event recorded it. */
export interface ExportedFile {
  fileId: string;
  sha256: string;
  name: string;
  size: number;
  type: string;
  streamId: string;
  version: number;
}

/** The file evidence of an export's event lines (data.evidence entries with a fileId), first reference each. */
export function filesOfEvents(events: { streamId: string; version: number; type: string; data: unknown }[]): ExportedFile[] {
  const seen = new Map<string, ExportedFile>();
  for (const e of events) {
    if (e.type !== 'ProgressReported' && e.type !== 'CompletionReported') continue;
    const evidence = (e.data as { evidence?: unknown })?.evidence;
    if (!Array.isArray(evidence)) continue;
    for (const item of evidence) {
      const f = item as Partial<ExportedFile>;
      if (typeof f?.fileId !== 'string' || seen.has(f.fileId)) continue;
      seen.set(f.fileId, {
        fileId: f.fileId,
        sha256: String(f.sha256),
        name: String(f.name),
        size: Number(f.size),
        type: String(f.type),
        streamId: e.streamId,
        version: e.version,
      });
    }
  }
  return [...seen.values()];
}

export interface FolderCheck {
  ok: boolean;
  checked: number;
  /** The first file that is missing from the folder or whose bytes do not hash to the recorded SHA-256. */
  firstMismatch?: { fileId: string; name: string; streamId: string; version: number; reason: 'missing' | 'hash'; path?: string };
}

/**
 * Checks a folder of downloaded files against the export: each referenced file is looked for
 * under its SHA-256 (any extension) or its recorded name, and re-hashed.
 */
export async function checkFolder(files: ExportedFile[], folder: string): Promise<FolderCheck> {
  const entries = readdirSync(folder);
  let checked = 0;
  for (const f of files) {
    const candidate =
      entries.find((n) => n === f.sha256 || n.startsWith(`${f.sha256}.`)) ?? (existsSync(join(folder, f.name)) ? f.name : undefined);
    const at = { fileId: f.fileId, name: f.name, streamId: f.streamId, version: f.version };
    if (!candidate) return { ok: false, checked, firstMismatch: { ...at, reason: 'missing' } };
    const path = join(folder, candidate);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    checked++;
    if (hash.digest('hex') !== f.sha256) return { ok: false, checked, firstMismatch: { ...at, reason: 'hash', path } };
  }
  return { ok: true, checked };
}
