import { evidenceOf } from '../task/task-completion.decide';
import { ContentScanner } from './content-scanner';
import { ALLOWED_FILE_TYPES, ContentFindings, MAX_FILE_BYTES, cleanFileName, decideFileType } from './file-rules';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const scan = (...chunks: string[]) => {
  const s = new ContentScanner();
  for (const c of chunks) s.push(enc(c));
  s.end();
  return s;
};
const found = (ext: string | undefined, more: Partial<ContentFindings> = {}): ContentFindings => ({
  detected: ext ? { ext, mime: `x/${ext}` } : undefined,
  officeZipMarker: false,
  pdfScript: false,
  ...more,
});
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as { code: string }).code, category: (e as { category: string }).category, message: (e as Error).message };
  }
  throw new Error('not refused');
};

describe('evidence file rules', () => {
  it('given allowed signatures confirmed by their markers, when deciding, then the type is the content’s', () => {
    expect(decideFileType(found('pdf'), 10)).toBe(ALLOWED_FILE_TYPES.pdf);
    expect(decideFileType(found('docx', { officeZipMarker: true }), 10)).toBe(ALLOWED_FILE_TYPES.docx);
    expect(decideFileType(found('cfb', { cfbStream: 'WordDocument' }), 10)).toBe(ALLOWED_FILE_TYPES.doc);
    expect(decideFileType(found('cfb', { cfbStream: 'Workbook' }), 10)).toBe(ALLOWED_FILE_TYPES.xls);
    expect(decideFileType(found('png'), 10)).toBe('image/png');
  });

  it('given other content, when deciding, then 415 with the reason', () => {
    expect(refusal(() => decideFileType(found('exe'), 10))).toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
      category: 'unsupported',
      message: expect.stringMatching(/Windows executable/),
    });
    expect(refusal(() => decideFileType(found(undefined), 10)).message).toMatch(/not a recognised/);
    expect(refusal(() => decideFileType(found('zip'), 10)).message).toMatch(/ZIP archive/);
    expect(refusal(() => decideFileType(found('xlsx'), 10)).message).toMatch(/ZIP archive/);
    expect(refusal(() => decideFileType(found('cfb'), 10)).message).toMatch(/compound file/);
    expect(refusal(() => decideFileType(found('pdf', { pdfScript: true }), 10)).code).toBe('PDF_WITH_SCRIPT');
    expect(refusal(() => decideFileType(found('pdf'), MAX_FILE_BYTES + 1))).toMatchObject({
      code: 'FILE_TOO_LARGE',
      category: 'too_large',
    });
    expect(refusal(() => decideFileType(found('pdf'), 0)).code).toBe('FILE_EMPTY');
  });

  it('given PDF bytes, when scanned chunk by chunk, then /JavaScript and /JS are found, escaped or split across chunks, but not inside stream data', () => {
    expect(scan('<< /S /JavaScript >>').pdfScript).toBe(true);
    expect(scan('<< /JS (x) >>').pdfScript).toBe(true);
    expect(scan('<< /J#53 (x) >>').pdfScript).toBe(true);
    expect(scan('<< /Ja', 'vaScript >>').pdfScript).toBe(true);
    expect(scan('<< /JSON 1 /JSX 2 /Type /Page >>').pdfScript).toBe(false);
    expect(scan('<< /Length 9 >>\nstream\n/JS x /JS\nendstream\n<< /Type /Catalog >>').pdfScript).toBe(false);
    expect(scan('stream\n/JS\nendstream\n<< /JS (after) >>').pdfScript).toBe(true);
  });

  it('given zip and OLE2 bytes, when scanned, then the Office markers are found across chunk boundaries', () => {
    expect(scan('PK\u0003\u0004....[Content_', 'Types].xml').officeZipMarker).toBe(true);
    expect(scan('PK\u0003\u0004mimetypeapplication/vnd.oasis.opendocument.text').officeZipMarker).toBe(true);
    expect(scan('PK\u0003\u0004readme.txt').officeZipMarker).toBe(false);
    expect(scan('W\u0000o\u0000r\u0000d\u0000D\u0000o\u0000c\u0000u\u0000m\u0000e\u0000n\u0000t\u0000').cfbStream).toBe('WordDocument');
  });

  it('given a path-like or control-laden name, when cleaned, then its last segment without control characters is recorded', () => {
    expect(cleanFileName('C:\\Users\\a\\Báo cáo.pdf')).toBe('Báo cáo.pdf');
    expect(cleanFileName('../../etc/"x"\u0001.pdf')).toBe('x.pdf');
    expect(cleanFileName(undefined)).toBe('file');
  });
});

describe('file evidence in reports', () => {
  const file = { fileId: 'a'.repeat(64), sha256: 'a'.repeat(64), name: 'bc.pdf', size: 10, type: 'application/pdf' };
  it('given resolved file facts, when read as evidence, then they are kept; a bare or inconsistent file entry is refused', () => {
    expect(evidenceOf([file, { documentNumber: '117/BC-UBND' }])).toEqual([file, { documentNumber: '117/BC-UBND' }]);
    expect(refusal(() => evidenceOf([{ fileId: file.fileId }])).code).toBe('INVALID_EVIDENCE');
    expect(refusal(() => evidenceOf([{ ...file, sha256: 'b'.repeat(64) }])).code).toBe('INVALID_EVIDENCE');
  });
});
