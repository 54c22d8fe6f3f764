import {
  buildDigest,
  decideDigest,
  digestDecider,
  DigestEvent,
  DigestIssued,
  DigestState,
  digestStreamId,
  digestWindow,
  isoWeekOf,
  isPendingDelivery,
  IsoWeek,
  issueDigestCommand,
  mondayOf,
  isoWeekOfDate,
  parseIsoWeek,
  SubtreeCounts,
  weekStart,
} from '@dondoc/domain/digest';
import { addDays, Clock, DomainEvent, fold, invalid } from '@dondoc/domain/shared';
import { ActorMetadata, ConcurrencyError, EventStore, NewEvent, StreamAppend, eventMetadata } from '@dondoc/event-store';
import { DigestOfficeRow, DigestSource, LeadCounts } from '@dondoc/read-models/digests/digest-source.query';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DigestMail, DigestMailer, isPermanent } from './digest.mailer';
import { digestAsOf } from './next-run';

export interface DigestRunnerOptions {
  cron: string;
  dueSoonDays: number;
  /** PUBLIC_URL: digest lines link to the task's page there. */
  publicUrl?: string | null;
  /** Domain of the Message-ID header (from DIGEST_FROM). */
  mailDomain?: string;
  /** Send attempts per digest within one run, the first wait between them (it doubles). */
  sendAttempts?: number;
  backoffMs?: number;
  /** Undelivered digests of this many earlier weeks are retried too; older ones are left as failed. */
  retryWeeks?: number;
  /** Digests mailed at once (the SMTP pool's size). */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface DigestRunRequest {
  week?: IsoWeek;
  /** Who asked (an admin's POST /v1/digests/run); the scheduler otherwise. */
  actor?: ActorMetadata;
  correlationId?: string;
}

export interface DigestRunResult {
  week: IsoWeek;
  asOf: string;
  /** Digests this run issued (ids). */
  issued: string[];
  /** Offices whose digest for the week existed already (here or in another worker). */
  alreadyIssued: number;
  /** Offices with nothing overdue or due soon, here or below: nothing issued. */
  nothingDue: number;
  delivered: string[];
  failed: { id: string; error: string }[];
  /** Issued without being mailed: no SMTP_URL, or the office has no address. */
  notMailed: number;
  position: string | null;
}

const SYSTEM: ActorMetadata = { userId: 'dondoc-digests', role: 'system', office: '-' };
const ISSUE_BATCH = 100;
const LOCK_BATCH = 200;
const FLUSH = 25;
const LOCK_CLASS = 0x44474e; // 'DGN': the advisory-lock namespace of digest deliveries
const ZERO: SubtreeCounts = { assigned: 0, due: 0, doneOnTime: 0, doneLate: 0, overdue: 0, dueThisWeek: 0, dueSoon: 0 };

/**
 * One run for one ISO week: issue what is missing, then mail what is not delivered.
 *
 * Exactly once per office and week, whatever the number of workers: each digest is the first event
 * of its own stream (`digest-<office>-<week>`), appended with `noStream`; the loser of a race gets a
 * ConcurrencyError and leaves it. Delivery is guarded by a PostgreSQL advisory lock per digest
 * (held by one session; gone if that process dies) and a fresh read of the stream under it, so two
 * workers never mail the same digest, and a delivered one is never mailed again. A crash between
 * the SMTP server's "250 OK" and the DigestDelivered append is the one case that can mail twice
 * (SMTP is not transactional); the Message-ID is stable so clients can tell.
 */
export class DigestRunner {
  private readonly source: DigestSource;
  private readonly o: Required<Omit<DigestRunnerOptions, 'mailDomain'>> & { mailDomain: string };

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly mailer: DigestMailer | null,
    private readonly clock: Clock,
    options: DigestRunnerOptions,
  ) {
    this.source = new DigestSource(pool);
    this.o = {
      sendAttempts: 3,
      backoffMs: 1000,
      retryWeeks: 4,
      concurrency: 4,
      mailDomain: 'dondoc.local',
      log: () => undefined,
      ...options,
      publicUrl: options.publicUrl ?? null,
    };
  }

  async run(req: DigestRunRequest = {}): Promise<DigestRunResult> {
    const now = this.clock.now();
    const week = req.week ? parseIsoWeek(req.week) : isoWeekOf(now);
    if (weekStart(week).getTime() > now.getTime()) throw invalid('WEEK_IN_FUTURE', `${week} has not started yet`, 'week');
    const asOf = digestAsOf(week, this.o.cron, now);
    const meta = { actor: req.actor ?? SYSTEM, correlationId: req.correlationId ?? randomUUID() };
    const started = performance.now();
    // Each batch is mailed as soon as it is stored, while the next ones are rendered (one chain).
    const delivery: DeliveryResult = { delivered: [], failed: [], last: null };
    let mailing: Promise<void> = Promise.resolve();
    const enqueue = (items: Pending[]) => {
      if (!this.mailer || items.length === 0) return;
      mailing = mailing.then(async () => {
        const r = await this.deliver(items, meta);
        delivery.delivered.push(...r.delivered);
        delivery.failed.push(...r.failed);
        delivery.last = r.last ?? delivery.last;
      });
    };
    let issued: Awaited<ReturnType<DigestRunner['issue']>>;
    try {
      issued = await this.issue(week, asOf, meta, (batch) =>
        enqueue(batch.filter((d) => d.recipients.length > 0).map((d) => ({ id: d.digestId, fresh: d }))),
      );
    } finally {
      await mailing; // never leave sends running behind a failed run
    }
    const issuedMs = performance.now() - started;
    // Then what earlier runs could not deliver (this week's and the previous retryWeeks').
    const weeks = Array.from({ length: this.o.retryWeeks + 1 }, (_, i) => isoWeekOfDate(addDays(mondayOf(week), -7 * i)));
    const fresh = new Set(issued.ids);
    if (this.mailer) enqueue((await this.source.pending(weeks)).filter((p) => !fresh.has(p.id)).map((p) => ({ id: p.id })));
    await mailing;
    const result: DigestRunResult = {
      week,
      asOf: asOf.toISOString(),
      issued: issued.ids,
      alreadyIssued: issued.already,
      nothingDue: issued.nothingDue,
      delivered: delivery.delivered,
      failed: delivery.failed,
      notMailed: this.mailer ? issued.ids.length - issued.mailable : issued.ids.length,
      position:
        [issued.last, delivery.last]
          .filter((p): p is string => p !== null)
          .sort()
          .pop() ?? null,
    };
    this.o.log(
      `digests ${week}: ${result.issued.length} issued, ${result.alreadyIssued} already, ${result.nothingDue} with nothing due, ` +
        `${result.delivered.length} delivered, ${result.failed.length} failed, ${result.notMailed} not mailed ` +
        `(issued and mailed in ${(issuedMs / 1000).toFixed(1)} s, retries ${((performance.now() - started - issuedMs) / 1000).toFixed(1)} s)`,
    );
    return result;
  }

  private async issue(week: IsoWeek, asOf: Date, meta: Meta, onStored: (batch: IssuedData[]) => void) {
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
        events: this.toNew(decideDigest(command, null), meta),
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

  /**
   * Mails each digest under its lock, after checking in the log that it is still undelivered;
   * records the outcomes FLUSH at a time (one appendMany), so a crash can repeat at most those.
   */
  private async deliver(items: Pending[], meta: Meta): Promise<DeliveryResult> {
    const delivered: string[] = [];
    const failed: { id: string; error: string }[] = [];
    let last: string | null = null;
    if (!this.mailer || items.length === 0) return { delivered, failed, last };
    let outcomes: Outcome[] = [];
    const flush = async () => {
      const batch = outcomes;
      outcomes = [];
      if (batch.length === 0) return;
      last = (await this.record(batch, meta)) ?? last;
      for (const o of batch) {
        if (o.error === null) delivered.push(o.id);
        else failed.push({ id: o.id, error: o.error });
      }
    };
    const client = await this.pool.connect();
    try {
      for (let i = 0; i < items.length; i += LOCK_BATCH) {
        const chunk = items.slice(i, i + LOCK_BATCH);
        const ids = chunk.map((c) => c.id);
        const { rows } = await client.query<{ id: string; ok: boolean }>(
          `SELECT id, pg_try_advisory_lock($1, hashtext(id)) AS ok FROM unnest($2::text[]) AS id`,
          [LOCK_CLASS, ids],
        );
        const locked = new Set(rows.filter((r) => r.ok).map((r) => r.id));
        try {
          await forEachLimit(
            chunk.filter((c) => locked.has(c.id)),
            this.o.concurrency,
            async (item) => {
              const outcome = await this.sendOne(item);
              if (!outcome) return;
              outcomes.push(outcome);
              if (outcomes.length >= FLUSH) await flush();
            },
          );
          await flush();
        } finally {
          await client.query(`SELECT pg_advisory_unlock($1, hashtext(id)) FROM unnest($2::text[]) AS id`, [LOCK_CLASS, [...locked]]);
        }
      }
    } finally {
      client.release();
    }
    return { delivered, failed, last };
  }

  /** Sends one digest if the log says it is still undelivered; null when someone else did it. */
  private async sendOne(item: Pending): Promise<Outcome | null> {
    const streamId = `digest-${item.id}`;
    let data = item.fresh;
    let version = 1;
    let state: DigestState;
    // Just issued by this run: only what came after the DigestIssued is read (not its HTML again).
    const after = data ? await this.store.readStream(streamId, { fromVersion: 2 }) : [];
    if (data && after.length === 0) {
      state = digestDecider.evolve(null, { type: 'DigestIssued', data });
    } else {
      const recorded = await this.store.readStream(streamId);
      if (recorded.length === 0) return null;
      state = fold(
        digestDecider.evolve,
        digestDecider.initialState,
        recorded.map((e) => ({ type: e.type, data: e.data }) as DigestEvent),
      );
      data = recorded[0].data as IssuedData;
      version = recorded[recorded.length - 1].version;
    }
    if (!isPendingDelivery(state)) return null;
    const mail: DigestMail = {
      to: data.recipients,
      subject: data.subject,
      html: data.html,
      text: data.text,
      messageId: `<digest.${item.id}@${this.o.mailDomain}>`,
    };
    const { attempts, error, messageId } = await this.sendWithRetries(mail);
    if (error !== null) this.o.log(`digest ${item.id} not delivered after ${attempts} attempts: ${error}`);
    const at = this.clock.now();
    const events = decideDigest(
      error === null
        ? { type: 'RecordDigestDelivered', data: { to: mail.to, messageId, attempts, at } }
        : { type: 'RecordDigestDeliveryFailed', data: { to: mail.to, error, attempts, at } },
      state,
    );
    return { id: item.id, streamId, version, events, error };
  }

  /** Appends the outcomes in one transaction; if that conflicts (a lock lost with its connection), one by one, leaving what is there. */
  private async record(batch: Outcome[], meta: Meta): Promise<string | null> {
    const appends = batch
      .filter((o) => o.events.length > 0)
      .map((o) => ({ streamId: o.streamId, events: this.toNew(o.events, meta), expected: o.version }));
    if (appends.length === 0) return null;
    try {
      const results = await this.store.appendMany(appends);
      return results[results.length - 1].position;
    } catch (e) {
      if (!(e instanceof ConcurrencyError)) throw e;
      let last: string | null = null;
      for (const a of appends) {
        try {
          last = (await this.store.append(a.streamId, a.events, a.expected)).position;
        } catch (e2) {
          if (!(e2 instanceof ConcurrencyError)) throw e2;
        }
      }
      return last;
    }
  }

  /** Up to `sendAttempts` tries within the run, waiting backoffMs, 2×, 4×… between; a 5xx answer is final. */
  private async sendWithRetries(mail: DigestMail): Promise<{ attempts: number; error: string | null; messageId: string | null }> {
    for (let attempts = 1; ; attempts++) {
      try {
        return { attempts, error: null, messageId: (await this.mailer!.send(mail)).messageId };
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        if (attempts >= this.o.sendAttempts || isPermanent(e)) return { attempts, error, messageId: null };
        await sleep(this.o.backoffMs * 2 ** (attempts - 1));
      }
    }
  }

  private toNew(events: DomainEvent[], meta: Meta): NewEvent[] {
    const occurredAt = this.clock.now();
    return events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      data: e.data,
      occurredAt,
      metadata: eventMetadata(meta),
    }));
  }
}

type Meta = { actor: ActorMetadata; correlationId: string };
type IssuedData = DigestIssued['data'];
type DeliveryResult = { delivered: string[]; failed: { id: string; error: string }[]; last: string | null };
/** A digest to mail: `fresh` when this run issued it (its content is at hand). */
type Pending = { id: string; fresh?: IssuedData };
type Outcome = { id: string; streamId: string; version: number; events: DigestEvent[]; error: string | null };

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

async function forEachLimit<T>(xs: T[], limit: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, xs.length) }, async () => {
    while (next < xs.length) await f(xs[next++]);
  });
  await Promise.all(lanes);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
