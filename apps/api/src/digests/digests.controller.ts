import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseIsoWeek } from '@dondoc/domain/digest';
import { Actor, forbidden, notFound } from '@dondoc/domain/shared';
import { DigestQuery } from '@dondoc/read-models/digests/digest.query';
import { ConsistencyService } from '@dondoc/read-models/projection/consistency.service';
import type { Response } from 'express';
import { DigestRunner } from '@dondoc/digests';
import { ReadScope } from '../application/read-scope';
import { Ctx, RequestContext } from '../application/request-context';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { DigestListQueryDto, RunDigestsRequestDto } from './digests.request.dto';

const COUNTS = 'counts: { overdue, dueThisWeek, dueSoon, rollup: { offices, overdue, dueThisWeek, dueSoon } | null }';

@ApiTags('digests')
@ApiBearerAuth()
@Controller('v1/digests')
export class DigestsController {
  constructor(
    private readonly digests: DigestQuery,
    private readonly runner: DigestRunner,
    private readonly scope: ReadScope,
    private readonly consistency: ConsistencyService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Weekly digests issued, newest week first',
    description:
      'An officer sees its own office’s; a leader or inspector those of its subtree; an admin all. `office`: that office and its subtree.',
  })
  @ApiOkResponse({
    description: `[{ id, week, office, officeName, asOf, ${COUNTS}, subject, recipients, status, issuedAt, deliveredAt? }]`,
  })
  async list(@Query() q: DigestListQueryDto, @CurrentActor() actor: Actor) {
    const week = q.week ? parseIsoWeek(q.week) : undefined;
    const limit = q.limit ?? 1000;
    if (actor.role === 'officer') {
      if (q.office && q.office !== actor.office) throw notFound('OFFICE_NOT_FOUND', `no office ${q.office}`);
      return this.digests.list({ week, office: actor.office, path: null, limit });
    }
    return this.digests.list({ week, path: await this.scope.filterPath(actor, q.office), limit });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One digest as issued: subject, recipients, HTML and text, delivery (deliveredAt, attempts, failures)' })
  async one(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const d = await this.digests.find(id);
    // Out of scope reads as missing (API.md): a 403 would tell that the digest exists, and whose it is.
    if (!d || !(await this.scope.canSee(actor, d.office))) throw notFound('DIGEST_NOT_FOUND', `no digest ${id}`);
    return {
      id: d.id,
      week: d.week,
      office: d.office,
      officeName: d.officeName,
      asOf: d.asOf.toISOString(),
      counts: d.counts,
      subject: d.subject,
      recipients: d.recipients,
      status: d.status,
      issuedAt: d.issuedAt.toISOString(),
      ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
      messageId: d.messageId,
      attempts: d.attempts,
      failures: d.failures,
      html: d.html,
      text: d.text,
      version: d.version,
    };
  }

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue the digests missing for an ISO week and mail what is undelivered (admin)',
    description:
      'Idempotent: a second run for the same week issues and mails nothing new (digests whose delivery failed are tried again). ' +
      'Content is classified as of the schedule’s instant in that week (Monday 07:00 Asia/Ho_Chi_Minh by default).',
  })
  @ApiOkResponse({
    description: '{ week, asOf, issued: [id], alreadyIssued, nothingDue, delivered: [id], failed: [{ id, error }], notMailed }',
  })
  async run(@Body() body: RunDigestsRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    if (ctx.actor.role !== 'admin') throw forbidden('ADMIN_ONLY', 'only an admin may run the digests');
    const week = body.week ? parseIsoWeek(body.week) : undefined;
    const { actor } = ctx;
    const result = await this.runner.run({
      week,
      actor: { userId: actor.userId, role: actor.role, office: actor.office, ...(actor.name ? { name: actor.name } : {}) },
      correlationId: ctx.correlationId,
    });
    // Read-your-writes: GET /v1/digests right after shows what this run wrote.
    if (result.position && !(await this.consistency.waitFor(result.position))) res.setHeader('Dondoc-Consistency', 'pending');
    const { position: _last, ...rest } = result;
    return rest;
  }
}
