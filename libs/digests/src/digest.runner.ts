import { isoWeekOf, isoWeekOfDate, IsoWeek, mondayOf, parseIsoWeek, weekStart } from '@dondoc/domain/digest';
import { addDays, Clock, invalid } from '@dondoc/domain/shared';
import { ActorMetadata, EventStore } from '@dondoc/event-store';
import { DigestSource } from '@dondoc/read-models/digests/digest-source.query';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DeliveryResult, DigestDelivery } from './digest-delivery';
import { DigestIssuing, IssuedDigests } from './digest-issuing';
import { PendingDigest } from './digest-run.events';
import { DigestMailer } from './digest.mailer';
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

/**
 * One run for one ISO week: issue what is missing (DigestIssuing: exactly once per office and week,
 * whatever the number of workers), then mail what is not delivered (DigestDelivery: never twice,
 * but for a crash between SMTP's "250 OK" and the append). Each batch is mailed as soon as it is
 * stored, while the next ones are rendered.
 */
export class DigestRunner {
  private readonly source: DigestSource;
  private readonly issuing: DigestIssuing;
  private readonly delivery: DigestDelivery | null;
  private readonly o: Required<Omit<DigestRunnerOptions, 'mailDomain'>> & { mailDomain: string };

  constructor(
    store: EventStore,
    pool: Pool,
    mailer: DigestMailer | null,
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
    this.issuing = new DigestIssuing(store, this.source, clock, this.o);
    this.delivery = mailer ? new DigestDelivery(store, pool, mailer, clock, this.o) : null;
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
    const enqueue = (items: PendingDigest[]) => {
      if (!this.delivery || items.length === 0) return;
      mailing = mailing.then(async () => {
        const r = await this.delivery!.deliver(items, meta);
        delivery.delivered.push(...r.delivered);
        delivery.failed.push(...r.failed);
        delivery.last = r.last ?? delivery.last;
      });
    };
    let issued: IssuedDigests;
    try {
      issued = await this.issuing.issue(week, asOf, meta, (batch) =>
        enqueue(batch.filter((d) => d.recipients.length > 0).map((d) => ({ id: d.digestId, fresh: d }))),
      );
    } finally {
      await mailing; // never leave sends running behind a failed run
    }
    const issuedMs = performance.now() - started;
    // Then what earlier runs could not deliver (this week's and the previous retryWeeks').
    const weeks = Array.from({ length: this.o.retryWeeks + 1 }, (_, i) => isoWeekOfDate(addDays(mondayOf(week), -7 * i)));
    const fresh = new Set(issued.ids);
    if (this.delivery) enqueue((await this.source.pending(weeks)).filter((p) => !fresh.has(p.id)).map((p) => ({ id: p.id })));
    await mailing;
    const result: DigestRunResult = {
      week,
      asOf: asOf.toISOString(),
      issued: issued.ids,
      alreadyIssued: issued.already,
      nothingDue: issued.nothingDue,
      delivered: delivery.delivered,
      failed: delivery.failed,
      notMailed: this.delivery ? issued.ids.length - issued.mailable : issued.ids.length,
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
}
