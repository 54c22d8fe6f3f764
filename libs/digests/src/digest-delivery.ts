import { decideDigest, DigestEvent, digestDecider, DigestState, isPendingDelivery } from '@dondoc/domain/digest';
import { Clock, fold } from '@dondoc/domain/shared';
import { ConcurrencyError, EventStore } from '@dondoc/event-store';
import type { Pool } from 'pg';
import { IssuedData, PendingDigest, RunMeta, toNewEvents } from './digest-run.events';
import { DigestMail, DigestMailer, isPermanent } from './digest.mailer';

const LOCK_BATCH = 200;
const FLUSH = 25;
const LOCK_CLASS = 0x44474e; // 'DGN': the advisory-lock namespace of digest deliveries

export type DeliveryResult = { delivered: string[]; failed: { id: string; error: string }[]; last: string | null };
type Outcome = { id: string; streamId: string; version: number; events: DigestEvent[]; error: string | null };

export interface DeliveryOptions {
  sendAttempts: number;
  backoffMs: number;
  concurrency: number;
  mailDomain: string;
  log: (line: string) => void;
}

/**
 * Mails issued digests. Each is guarded by a PostgreSQL advisory lock (held by one session; gone if
 * that process dies) and a fresh read of its stream under it, so two workers never mail the same
 * digest and a delivered one is never mailed again. A crash between the SMTP server's "250 OK" and
 * the DigestDelivered append is the one case that can mail twice (SMTP is not transactional); the
 * Message-ID is stable so clients can tell.
 */
export class DigestDelivery {
  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    private readonly mailer: DigestMailer,
    private readonly clock: Clock,
    private readonly o: DeliveryOptions,
  ) {}

  /**
   * Mails each digest under its lock, after checking in the log that it is still undelivered;
   * records the outcomes FLUSH at a time (one appendMany), so a crash can repeat at most those.
   */
  async deliver(items: PendingDigest[], meta: RunMeta): Promise<DeliveryResult> {
    const delivered: string[] = [];
    const failed: { id: string; error: string }[] = [];
    let last: string | null = null;
    if (items.length === 0) return { delivered, failed, last };
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
  private async sendOne(item: PendingDigest): Promise<Outcome | null> {
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
  private async record(batch: Outcome[], meta: RunMeta): Promise<string | null> {
    const appends = batch
      .filter((o) => o.events.length > 0)
      .map((o) => ({ streamId: o.streamId, events: toNewEvents(o.events, meta, this.clock), expected: o.version }));
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
        return { attempts, error: null, messageId: (await this.mailer.send(mail)).messageId };
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        if (attempts >= this.o.sendAttempts || isPermanent(e)) return { attempts, error, messageId: null };
        await sleep(this.o.backoffMs * 2 ** (attempts - 1));
      }
    }
  }
}

async function forEachLimit<T>(xs: T[], limit: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, xs.length) }, async () => {
    while (next < xs.length) await f(xs[next++]);
  });
  await Promise.all(lanes);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
