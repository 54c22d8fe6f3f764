import { Injectable } from '@nestjs/common';
import { ConsistencyService } from '@dondoc/read-models/projection/consistency.service';
import type { Response } from 'express';

/**
 * Finishes a write: waits for its events to be projected (read-your-writes), sets the ETag to
 * the stream version so the client can send it back as If-Match.
 */
@Injectable()
export class WriteResponder {
  constructor(private readonly consistency: ConsistencyService) {}

  async finish(res: Response, written: { version: number; position: string | null }[]): Promise<void> {
    const last = written.map((w) => w.position).filter((p): p is string => p !== null);
    // Several appends are several transactions: each must be projected, not just the last.
    const projected = await Promise.all(last.map((p) => this.consistency.waitFor(p)));
    if (projected.includes(false)) res.setHeader('Dondoc-Consistency', 'pending');
    if (written.length === 1) res.setHeader('ETag', `"${written[0].version}"`);
  }
}
