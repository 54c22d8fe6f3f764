import { Injectable } from '@nestjs/common';
import { DIGEST_EVENT_TYPES, DigestEvent } from '@dondoc/domain/digest';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager } from 'typeorm';
import { Projection } from '../projection/projection';

const handled = new Set<string>(DIGEST_EVENT_TYPES);

/** rm_digests from the digest streams. Plain SQL on unqualified names: a rebuild runs it in its own schema. */
@Injectable()
export class DigestProjector implements Projection {
  readonly name = 'digests';
  readonly tables = ['rm_digests'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const recorded of events) {
      if (!handled.has(recorded.type)) continue;
      const event = { type: recorded.type, data: recorded.data } as DigestEvent;
      const id = recorded.streamId.replace(/^digest-/, '');
      switch (event.type) {
        case 'DigestIssued': {
          const d = event.data;
          await tx.query(
            `INSERT INTO rm_digests (id, office, office_name, week, as_of, counts, subject, recipients, html, text, status, issued_at, attempts, failures, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'issued', $11, 0, '[]', $12)
             ON CONFLICT (id) DO NOTHING`,
            [
              d.digestId,
              d.office,
              d.officeName,
              d.week,
              d.asOf,
              JSON.stringify(d.counts),
              d.subject,
              d.recipients,
              d.html,
              d.text,
              recorded.occurredAt,
              recorded.version,
            ],
          );
          break;
        }
        case 'DigestDelivered':
          await tx.query(
            `UPDATE rm_digests SET status = 'delivered', delivered_at = $2, message_id = $3, attempts = attempts + $4, version = $5 WHERE id = $1`,
            [id, event.data.at, event.data.messageId, event.data.attempts, recorded.version],
          );
          break;
        case 'DigestDeliveryFailed':
          await tx.query(
            `UPDATE rm_digests SET status = 'failed', attempts = attempts + $2, failures = failures || $3::jsonb, version = $4 WHERE id = $1`,
            [
              id,
              event.data.attempts,
              JSON.stringify([{ at: event.data.at, error: event.data.error, attempts: event.data.attempts }]),
              recorded.version,
            ],
          );
          break;
        default: {
          const unhandled: never = event;
          throw new Error(`unhandled digest event ${JSON.stringify(unhandled)}`);
        }
      }
    }
  }
}
