import { ANCHOR_EVENT, ANCHOR_STREAM, AnchorData, FINGERPRINT_CHARS, anchorHash } from '../anchors/anchor-hash';
import { chainHash, contentHash } from '../hashing';

/**
 * The audit export, one JSON object per line: a header, then the events of the exported streams
 * in position order, each with its content hash, previous hash and chain hash, then the anchors
 * (events of the `anchors` stream) that cover them. Everything a checker needs is in the file:
 * it recomputes with the same hashing functions as the store, and needs no database.
 */
export const EXPORT_FORMAT = 'dondoc-audit-export';

export interface ExportHeader {
  kind: 'header';
  format: typeof EXPORT_FORMAT;
  formatVersion: 1;
  scope: { plan?: string; office?: string };
  exportedAt: string;
  /** Every stream but `anchors` is exported whole, from version 1 to this last event. */
  wholeStreams: true;
  streams: Record<string, { version: number; hash: string }>;
}

export interface ExportEventLine {
  kind: 'event';
  position: string;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  occurredAt: string;
  recordedAt: string;
  contentHash: string;
  prevHash: string | null;
  hash: string;
}

export interface ExportCheckResult {
  ok: boolean;
  lines: number;
  events: number;
  anchors: number;
  /** 1-based line number of the first line that does not verify. */
  firstBadLine?: { line: number; reason: string };
}

/** Checks lines one at a time (feed it a file's lines in order), then `finish()`. */
export class ExportChecker {
  private line = 0;
  private events = 0;
  private bad?: { line: number; reason: string };
  private readonly heads = new Map<string, { version: number; hash: string }>();
  private readonly exported: { line: number; position: bigint; hash: string }[] = [];
  private readonly anchors: { line: number; data: AnchorData }[] = [];
  private header?: ExportHeader;
  private readonly lastLine = new Map<string, number>();

  /** False once a bad line was found: the caller may stop reading. */
  push(text: string): boolean {
    this.line++;
    if (this.bad) return false;
    if (text.trim() === '') return true;
    const reason = this.check(text);
    if (reason) this.bad = { line: this.line, reason };
    return !this.bad;
  }

  finish(): ExportCheckResult {
    if (!this.bad) this.checkHeads();
    if (!this.bad) this.checkAnchors();
    return {
      ok: !this.bad,
      lines: this.line,
      events: this.events,
      anchors: this.anchors.length,
      ...(this.bad ? { firstBadLine: this.bad } : {}),
    };
  }

  private check(text: string): string | undefined {
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return 'not a JSON line';
    }
    if (value.kind === 'header') {
      if (this.line !== 1 || value.format !== EXPORT_FORMAT) return 'a header, but not on the first line or not of this format';
      this.header = value as unknown as ExportHeader;
      return undefined;
    }
    if (value.kind !== 'event') return `unknown line kind ${JSON.stringify(value.kind)}`;
    const e = value as unknown as ExportEventLine;
    const content = contentHash({
      eventId: e.eventId,
      streamId: e.streamId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
    }).toString('hex');
    if (content !== e.contentHash) return `event ${e.streamId}@${e.version}: its content does not match its content hash`;
    const head = this.heads.get(e.streamId);
    if (head) {
      if (e.version !== head.version + 1) return `event ${e.streamId}@${e.version}: expected version ${head.version + 1} of the stream`;
      if (e.prevHash !== head.hash) return `event ${e.streamId}@${e.version}: does not chain to the previous event of the stream`;
    } else if (e.streamId !== ANCHOR_STREAM && (e.version !== 1 || e.prevHash !== null)) {
      return `event ${e.streamId}@${e.version}: the stream's earlier events are missing from the file`;
    }
    const prev = e.prevHash === null ? null : Buffer.from(e.prevHash, 'hex');
    if (chainHash(prev, e.streamId, e.version, Buffer.from(content, 'hex')).toString('hex') !== e.hash) {
      return `event ${e.streamId}@${e.version}: its chain hash does not match`;
    }
    const position = BigInt(e.position);
    const last = this.exported[this.exported.length - 1];
    if (last && position <= last.position && e.streamId !== ANCHOR_STREAM) return `position ${e.position} is out of order`;
    if (e.streamId !== ANCHOR_STREAM && this.header?.streams && !this.header.streams[e.streamId])
      return `stream ${e.streamId} is not one the header lists`;
    this.heads.set(e.streamId, { version: e.version, hash: e.hash });
    this.lastLine.set(e.streamId, this.line);
    this.events++;
    if (e.streamId === ANCHOR_STREAM && e.type === ANCHOR_EVENT) {
      const d = e.data as AnchorData;
      if (anchorHash(d.previousAnchorHash, d.fromPosition, d.toPosition, d.count, d.rangeHash) !== d.anchorHash)
        return `anchor ${d.seq}: its hash does not match its content`;
      const prior = this.anchors[this.anchors.length - 1];
      if (prior && (d.previousAnchorHash !== prior.data.anchorHash || BigInt(d.fromPosition) !== BigInt(prior.data.toPosition) + 1n)) {
        return `anchor ${d.seq} does not chain to anchor ${prior.data.seq}`;
      }
      this.anchors.push({ line: this.line, data: d });
    } else {
      this.exported.push({ line: this.line, position, hash: e.hash });
    }
    return undefined;
  }

  /** Each stream the header lists ends in the file where it ended in the log (nothing cut off). */
  private checkHeads(): void {
    for (const [stream, want] of Object.entries(this.header?.streams ?? {})) {
      const head = this.heads.get(stream);
      if (!head || head.version !== want.version || head.hash !== want.hash) {
        this.bad = {
          line: this.lastLine.get(stream) ?? 1,
          reason: `stream ${stream} ends at version ${head?.version ?? 0}, the header says ${want.version}: events are missing after this line`,
        };
        return;
      }
    }
  }

  /** Each exported event inside an anchor's range must be the one the anchor sealed there. */
  private checkAnchors(): void {
    for (const ev of this.exported) {
      const a = this.anchors.find((x) => BigInt(x.data.fromPosition) <= ev.position && ev.position <= BigInt(x.data.toPosition));
      if (!a) continue; // recorded after the last anchor
      let index = 0;
      let found = false;
      for (const [first, last] of a.data.runs) {
        const f = BigInt(first);
        const l = BigInt(last);
        if (ev.position >= f && ev.position <= l) {
          index += Number(ev.position - f);
          found = true;
          break;
        }
        index += Number(l - f + 1n);
      }
      const print = a.data.fingerprints.slice(index * FINGERPRINT_CHARS, (index + 1) * FINGERPRINT_CHARS);
      if (!found || print !== ev.hash.slice(0, FINGERPRINT_CHARS)) {
        this.bad = { line: ev.line, reason: `position ${ev.position} is not the event anchor ${a.data.seq} sealed there` };
        return;
      }
    }
  }
}
