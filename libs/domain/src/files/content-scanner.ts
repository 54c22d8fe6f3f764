/**
 * Scans a file's bytes as they stream past, chunk by chunk, for the markers `decideFileType` needs:
 * PDF names (`/JavaScript`, `/JS`, `#xx`-escaped too) and the zip and OLE2 entry names. Constant
 * memory: a name in progress and a short tail of the previous chunk.
 */
const DELIMITERS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf16 = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0), 0]));
const PATTERNS = {
  contentTypes: ascii('[Content_Types].xml'),
  odfMimetype: ascii('mimetypeapplication/vnd.oasis.opendocument.'),
  wordDocument: utf16('WordDocument'),
  workbook: utf16('Workbook'),
  book: utf16('Book\u0000'),
};
const STREAM = ascii('stream');
const END_STREAM = ascii('endstream');
const TAIL = Math.max(...Object.values(PATTERNS).map((p) => p.length)) - 1;

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export class ContentScanner {
  pdfScript = false;
  officeZipMarker = false;
  cfbStream?: 'WordDocument' | 'Workbook';
  private name: number[] | null = null;
  private inStream = false;
  private streamMatch = 0;
  private endMatch = 0;
  private tail = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    this.scanNames(chunk);
    const window = new Uint8Array(this.tail.length + chunk.length);
    window.set(this.tail);
    window.set(chunk, this.tail.length);
    if (!this.officeZipMarker && (indexOf(window, PATTERNS.contentTypes) >= 0 || indexOf(window, PATTERNS.odfMimetype) >= 0))
      this.officeZipMarker = true;
    if (!this.cfbStream && indexOf(window, PATTERNS.wordDocument) >= 0) this.cfbStream = 'WordDocument';
    if (!this.cfbStream && (indexOf(window, PATTERNS.workbook) >= 0 || indexOf(window, PATTERNS.book) >= 0)) this.cfbStream = 'Workbook';
    this.tail = window.slice(Math.max(0, window.length - TAIL));
  }

  /** Ends a name still open at the end of the bytes. */
  end(): void {
    this.closeName();
  }

  /**
   * PDF names outside stream data: compressed stream bytes are skipped (`stream` … `endstream`),
   * else random binary would now and then read as `/JS`. Names inside compressed object streams
   * are not seen (see docs/FILES.md).
   */
  private scanNames(chunk: Uint8Array): void {
    if (this.pdfScript) return;
    for (const b of chunk) {
      if (this.inStream) {
        this.endMatch = b === END_STREAM[this.endMatch] ? this.endMatch + 1 : b === END_STREAM[0] ? 1 : 0;
        if (this.endMatch === END_STREAM.length) [this.inStream, this.endMatch] = [false, 0];
        continue;
      }
      if (this.streamMatch === STREAM.length && (b === 0x0a || b === 0x0d)) {
        this.closeName();
        [this.inStream, this.streamMatch] = [true, 0];
        continue;
      }
      this.streamMatch = b === STREAM[this.streamMatch] ? this.streamMatch + 1 : b === STREAM[0] ? 1 : 0;
      if (this.name !== null) {
        if (DELIMITERS.has(b)) this.closeName();
        else if (this.name.length < 64) this.name.push(b);
      }
      if (b === 0x2f) this.name = [];
    }
  }

  private closeName(): void {
    if (this.name === null) return;
    const decoded = String.fromCharCode(...this.name).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (decoded === 'JavaScript' || decoded === 'JS') this.pdfScript = true;
    this.name = null;
  }
}
