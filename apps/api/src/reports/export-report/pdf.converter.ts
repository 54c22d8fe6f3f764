import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UnavailableFeatureError } from '../../http/problem-details.filter';

const TIMEOUT_MS = 60_000;

/** soffice on PATH, or null: looked up on each call so that installing LibreOffice needs no restart. */
export function findSoffice(path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'soffice');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * DOCX → PDF with LibreOffice, in a temp directory of its own with its own user profile (two
 * conversions at once would otherwise fight over ~/.config/libreoffice), killed after a minute.
 */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice)
    throw new UnavailableFeatureError(
      'PDF_RENDERER_UNAVAILABLE',
      'LibreOffice (soffice) is not installed on the server: ask for format=docx instead',
    );
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-pdf-'));
  try {
    await writeFile(join(dir, 'report.docx'), docx);
    await new Promise<void>((resolve, reject) =>
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          join(dir, 'report.docx'),
        ],
        { timeout: TIMEOUT_MS, killSignal: 'SIGKILL' },
        (error) => (error ? reject(new Error(`soffice failed: ${error.message}`)) : resolve()),
      ),
    );
    return await readFile(join(dir, 'report.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
