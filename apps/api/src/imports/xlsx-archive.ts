import { ImportInvalid } from '@dondoc/domain/import';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { Entry, ZipFile } from 'yauzl';

/**
 * Limits on an XLSX before anything inflates it. Real district files are under 2 MB; a generated
 * sheet of 50,000 task rows is 2.1 MB zipped, 14 MB of sheet XML and 19 MB of shared strings, at
 * ratios of 11 and 23. A zip bomb is refused by its central directory, and a central directory
 * that lies is caught while the parts are inflated once, counted and dropped, before exceljs.
 */
export const XLSX_LIMITS = {
  entries: 1000,
  /** A worksheet is streamed, not kept: only its rows are. */
  worksheetBytes: 64 * 1024 * 1024,
  /** Shared strings are kept in memory whole while the sheet is read. */
  sharedStringsBytes: 32 * 1024 * 1024,
  /** Workbook, relationships, styles. */
  otherPartBytes: 8 * 1024 * 1024,
  /** Every part of the archive together, read or not. */
  totalBytes: 128 * 1024 * 1024,
  /** Inflated ÷ zipped, for parts over 1 MB inflated. */
  ratio: 200,
} as const;

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const tooBig = (message: string) => new ImportInvalid([{ field: 'body', message }]);

/** The parts exceljs's streaming reader needs, in the order it needs them (shared strings before the sheet). */
const WANTED = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

const open = (buffer: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (e, zip) =>
      e ? reject(e) : resolve(zip),
    ),
  );

async function entriesOf(zip: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  if (zip.entryCount > XLSX_LIMITS.entries) throw tooBig(`the workbook has ${zip.entryCount} parts; at most ${XLSX_LIMITS.entries}`);
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function limitOf(name: string): [number, string] {
  if (SHEET.test(name)) return [XLSX_LIMITS.worksheetBytes, 'a worksheet'];
  if (name === 'xl/sharedStrings.xml') return [XLSX_LIMITS.sharedStringsBytes, 'the shared strings'];
  return [XLSX_LIMITS.otherPartBytes, 'a part'];
}

function checkDeclared(entries: Entry[]): void {
  let total = 0;
  for (const e of entries) {
    const [limit, what] = limitOf(e.fileName);
    if (e.uncompressedSize > limit) throw tooBig(`${e.fileName} inflates to ${MB(e.uncompressedSize)}; at most ${MB(limit)} for ${what}`);
    total += e.uncompressedSize;
    if (total > XLSX_LIMITS.totalBytes)
      throw tooBig(`the workbook inflates to more than ${MB(XLSX_LIMITS.totalBytes)}; at most ${MB(XLSX_LIMITS.totalBytes)} in all`);
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > XLSX_LIMITS.ratio * Math.max(1, e.compressedSize)) {
      throw tooBig(
        `${e.fileName} inflates ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times its zipped size; at most ${XLSX_LIMITS.ratio} times`,
      );
    }
  }
}

/** Inflates one part and drops the bytes: yauzl fails the stream if they outgrow the declared size. */
const verify = (zip: ZipFile, entry: Entry) =>
  new Promise<void>((resolve, reject) =>
    zip.openReadStream(entry, (e, stream) => {
      if (e) return reject(e);
      stream
        .on('data', () => undefined)
        .once('end', () => resolve())
        .once('error', reject);
    }),
  );

/** Where a part's local record (header, data, and data descriptor if any) sits in the file. */
const span = (zip: ZipFile, buffer: Buffer, entry: Entry) =>
  new Promise<Buffer>((resolve, reject) =>
    zip.readLocalFileHeader(entry, {}, (e, header) => {
      if (e) return reject(e);
      // exceljs reads the local header, yauzl the central directory: they must describe the same data.
      const sized = !(header.generalPurposeBitFlag & 0x8) && header.compressedSize !== 0xffffffff;
      const differs =
        header.compressionMethod !== entry.compressionMethod ||
        (sized && (header.compressedSize !== entry.compressedSize || header.uncompressedSize !== entry.uncompressedSize));
      if (differs) return reject(new Error('the local header and the central directory disagree'));
      let end = header.fileDataStart + entry.compressedSize;
      if (entry.generalPurposeBitFlag & 0x8) {
        const zip64 = entry.extraFields.some((f) => f.id === 0x0001);
        end += (buffer.readUInt32LE(end) === 0x08074b50 ? 4 : 0) + 4 + (zip64 ? 16 : 8);
      }
      if (end > buffer.length) return reject(new Error('a part runs past the end of the file'));
      resolve(buffer.subarray(entry.relativeOffsetOfLocalHeader, end));
    }),
  );

const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** A zip local record of `data` stored as is. */
function storedRecord(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed; flags, method (stored), time, date stay 0
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), data]);
}

/**
 * The workbook's first worksheet and the parts it needs, checked against XLSX_LIMITS, as one
 * zip stream for exceljs's streaming reader: only the records the central directory names (no
 * hidden ones), shared strings first (exceljs would otherwise spool the sheet to a temp file).
 */
export async function checkedXlsxStream(buffer: Buffer): Promise<Readable> {
  let zip: ZipFile;
  try {
    zip = await open(buffer);
  } catch {
    throw tooBig('the file is not an XLSX workbook that can be read (not a zip archive)');
  }
  try {
    const entries = await entriesOf(zip);
    checkDeclared(entries);
    const sheets = entries
      .filter((e) => SHEET.test(e.fileName))
      .sort((a, b) => Number(SHEET.exec(a.fileName)![1]) - Number(SHEET.exec(b.fileName)![1]));
    if (!sheets.length) throw new ImportInvalid([{ field: 'body', message: 'the workbook has no worksheet' }]);
    const parts = [...WANTED.map((name) => entries.find((e) => e.fileName === name)).filter((e): e is Entry => !!e), sheets[0]];
    const records: Buffer[] = [];
    for (const part of parts) {
      try {
        await verify(zip, part);
      } catch {
        throw tooBig(`${part.fileName} is damaged or larger than its zip header says`);
      }
      try {
        records.push(await span(zip, buffer, part));
      } catch {
        throw tooBig(`${part.fileName} is damaged (its local header does not match the central directory)`);
      }
    }
    // Without shared strings (a sheet of inline strings only) exceljs spools the sheet to disk.
    if (!entries.some((e) => e.fileName === 'xl/sharedStrings.xml'))
      records.splice(records.length - 1, 0, storedRecord('xl/sharedStrings.xml', EMPTY_SST));
    return Readable.from(records);
  } finally {
    zip.close();
  }
}
