import { DomainError } from '../shared';

/** A file's recorded facts: the id is the SHA-256 of its bytes (hex), so equal files are one. */
export interface FileFacts {
  id: string;
  name: string;
  size: number;
  type: FileType;
  sha256: string;
}

/** At most 20 MB a file (issue 18): a scanned, signed report fits; a video does not. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Unreferenced files are kept this long after their last upload or reference attempt. */
export const UNREFERENCED_GRACE_MS = 24 * 60 * 60 * 1000;

export const ALLOWED_FILE_TYPES = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  jpg: 'image/jpeg',
  png: 'image/png',
} as const;
export type FileExtension = keyof typeof ALLOWED_FILE_TYPES;
export type FileType = (typeof ALLOWED_FILE_TYPES)[FileExtension];

/** What was seen in the bytes: the sniffed signature (file-type's answer) and the markers scanned for. */
export interface ContentFindings {
  /** The signature found by content sniffing, e.g. `{ ext: 'exe' }`; undefined when none matched. */
  detected?: { ext: string; mime: string };
  /** A zip holds `[Content_Types].xml` (OOXML) or a `mimetype` entry (ODF). */
  officeZipMarker: boolean;
  /** A compound (OLE2) file holds a `WordDocument` or a `Workbook`/`Book` stream. */
  cfbStream?: 'WordDocument' | 'Workbook';
  /** A PDF names `/JavaScript` or `/JS` (after `#xx` escapes are decoded). */
  pdfScript: boolean;
}

export const FileErrors = {
  tooLarge: () => new DomainError('FILE_TOO_LARGE', 'too_large', `a file is at most ${MAX_FILE_BYTES} bytes (20 MB)`, 'file'),
  unsupported: (reason: string) =>
    new DomainError('UNSUPPORTED_FILE_TYPE', 'unsupported', `${reason}; allowed: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPEG, PNG`, 'file'),
  scriptedPdf: () =>
    new DomainError(
      'PDF_WITH_SCRIPT',
      'unsupported',
      'the PDF contains JavaScript (/JavaScript or /JS); print it to PDF again without scripts',
      'file',
    ),
  empty: () => new DomainError('FILE_EMPTY', 'validation', 'the file is empty', 'file'),
  missing: () => new DomainError('FILE_MISSING', 'validation', 'send the file as the multipart field "file"', 'file'),
  malformed: () => new DomainError('MALFORMED_MULTIPART', 'validation', 'the multipart body is malformed or was cut off', 'file'),
  notFound: (id: string) => new DomainError('FILE_NOT_FOUND', 'not_found', `no file ${id}`),
  unknownEvidenceFile: (id: string, field: string) => new DomainError('UNKNOWN_FILE', 'validation', `no uploaded file ${id}`, field),
};

const NAMES: Record<string, string> = {
  exe: 'a Windows executable',
  elf: 'a Linux executable',
  macho: 'a macOS executable',
  zip: 'a ZIP archive that is not an Office document',
  html: 'an HTML page',
  xml: 'an XML document',
  pptx: 'a PowerPoint presentation',
  cfb: 'a compound file that is neither a Word nor an Excel document',
};

/**
 * The type from the content alone (the declared name and header are not consulted): a signature
 * of an allowed type, confirmed by its inner markers; anything else is refused with the reason.
 */
export function decideFileType(found: ContentFindings, size: number): FileType {
  if (size === 0) throw FileErrors.empty();
  if (size > MAX_FILE_BYTES) throw FileErrors.tooLarge();
  const ext = found.detected?.ext;
  if (!ext) throw FileErrors.unsupported('the content is not a recognised document or image (plain text or HTML?)');
  if (ext === 'cfb') {
    if (found.cfbStream === 'WordDocument') return ALLOWED_FILE_TYPES.doc;
    if (found.cfbStream === 'Workbook') return ALLOWED_FILE_TYPES.xls;
    throw FileErrors.unsupported(`the content is ${NAMES.cfb}`);
  }
  if (ext === 'doc' || ext === 'xls') return ALLOWED_FILE_TYPES[ext];
  if (!(ext in ALLOWED_FILE_TYPES))
    throw FileErrors.unsupported(`the content is ${NAMES[ext] ?? `of type ${ext} (${found.detected!.mime})`}`);
  if (['docx', 'xlsx', 'odt', 'ods'].includes(ext) && !found.officeZipMarker) throw FileErrors.unsupported(`the content is ${NAMES.zip}`);
  if (ext === 'pdf' && found.pdfScript) throw FileErrors.scriptedPdf();
  return ALLOWED_FILE_TYPES[ext as FileExtension];
}

/** A file name as recorded: its last path segment, without control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const name = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f' && c !== '"')
    .join('')
    .trim()
    .slice(0, 255);
  return name || 'file';
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
