import { buildDigest, decideDigest, digestStreamId, digestWindow, IsoWeek, issueDigestCommand, SubtreeCounts } from '@dondoc/domain/digest';
import { Clock } from '@dondoc/domain/shared';
import { ConcurrencyError, EventStore, StreamAppend } from '@dondoc/event-store';
import { DigestOfficeRow, DigestSource, LeadCounts } from '@dondoc/read-models/digests/digest-source.query';
import { IssuedData, RunMeta, toNewEvents } from './digest-run.events';

const ISSUE_BATCH = 100;
const ZERO: SubtreeCounts = { assigned: 0, due: 0, doneOnTime: 0, doneLate: 0, overdue: 0, dueThisWeek: 0, dueSoon: 0 };

export interface IssuedDigests {
  ids: string[];
  /** Of those, the ones with somebody to mail them to. */
  mailable: number;
  already: number;
  nothingDue: number;
  last: string | null;
}

/**
 * Issues the week's digests: one DigestIssued per active office with something due, each the first
 * event of its own stream appended with `noStream`, so a digest exists once whatever the number of
 * workers (the loser of a race gets a ConcurrencyError and leaves it).
 */
export class DigestIssuing {
  constructor(
    private readonly store: EventStore,
    private readonly source: DigestSource,
    private readonly clock: Clock,
    private readonly o: { dueSoonDays: number; publicUrl: string | null },
  ) {}

  async issue(week: IsoWeek, asOf: Date, meta: RunMeta, onStored: (batch: IssuedData[]) => void): Promise<IssuedDigests> {
    const { sunday, soonUntil, listUntil } = digestWindow(asOf, this.o.dueSoonDays);
    const [offices, items, counts, existing, remediation] = await Promise.all([
      this.source.offices(),
      this.source.openItems(asOf, listUntil),
      this.source.countsByLead(asOf, sunday, soonUntil),
      this.source.issuedOffices(week),
      this.source.overdueRemediation(asOf),
    ]);
    const remediationByInspecting = groupBy(remediation, (r) => r.inspecting);
    const subtree = subtreeCounts(offices, counts);
    const itemsByLead = groupBy(items, (i) => i.lead);
    const children = groupBy(
      offices.filter((o) => o.status === 'active' && o.parent),
      (o) => o.parent!,
    );
    // Rendering (here) and storing (in PostgreSQL) overlap: one batch is appended while the next is built.
    type Issue = StreamAppend & { id: string; data: IssuedData };
    const won: Issue[] = [];
    let last: string | null = null;
    let tried = 0;
    let inFlight: Promise<void> = Promise.resolve();
    let batch: Issue[] = [];
    const send = async () => {
      const full = batch;
      batch = [];
      tried += full.length;
      await inFlight;
      inFlight = this.appendIssued(full).then((r) => {
        won.push(...r.won);
        last = r.last ?? last;
        onStored(r.won.map((a) => a.data));
      });
    };
    let nothingDue = 0;
    for (const office of offices) {
      if (office.status !== 'active' || existing.has(office.code)) continue;
      const content = buildDigest({
        office: { code: office.code, name: office.name, email: office.email },
        week,
        asOf,
        dueSoonDays: this.o.dueSoonDays,
        publicUrl: this.o.publicUrl,
        tasks: itemsByLead.get(office.code) ?? [],
        subOffices: (children.get(office.code) ?? []).map((c) => ({ code: c.code, name: c.name, counts: subtree.get(c.code) ?? ZERO })),
        remediation: remediationByInspecting.get(office.code) ?? [],
      });
      if (!content) {
        nothingDue++;
        continue;
      }
      const command = issueDigestCommand(content);
      const id = `${office.code}-${week}`;
      batch.push({
        id,
        streamId: digestStreamId(office.code, week),
        events: toNewEvents(decideDigest(command, null), meta, this.clock),
        expected: 'noStream',
        data: { digestId: id, ...command.data },
      });
      if (batch.length >= ISSUE_BATCH) await send();
    }
    if (batch.length) await send();
    await inFlight;
    return {
      ids: won.map((a) => a.id),
      mailable: won.filter((a) => a.data.recipients.length > 0).length,
      already: existing.size + tried - won.length,
      nothingDue,
      last,
    };
  }

  /** Appends a batch of DigestIssued with noStream in one transaction; on a conflict one by one, leaving what another worker issued. */
  private async appendIssued<A extends StreamAppend>(batch: A[]): Promise<{ won: A[]; last: string | null }> {
    try {
      const results = await this.store.appendMany(batch.map(({ streamId, events, expected }) => ({ streamId, events, expected })));
      return { won: batch, last: results[results.length - 1].position };
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
      const won: A[] = [];
      let last: string | null = null;
      for (const a of batch) {
        try {
          last = (await this.store.append(a.streamId, a.events, 'noStream')).position;
          won.push(a);
        } catch (e2) {
          if (!(e2 instanceof ConcurrencyError)) throw e2;
        }
      }
      return { won, last };
    }
  }
}

/** Each lead's counts added to its office and every office above it (paths '/A/B/C/'). */
function subtreeCounts(offices: DigestOfficeRow[], byLead: LeadCounts[]): Map<string, SubtreeCounts> {
  const paths = new Map(offices.map((o) => [o.code, o.path]));
  const out = new Map<string, SubtreeCounts>();
  for (const { lead, ...c } of byLead) {
    const path = paths.get(lead);
    if (!path) continue;
    for (const code of path.split('/').filter(Boolean)) {
      const acc = out.get(code) ?? { ...ZERO };
      for (const k of Object.keys(ZERO) as (keyof SubtreeCounts)[]) acc[k] += c[k];
      out.set(code, acc);
    }
  }
  return out;
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
