import { ApiProperty } from '@nestjs/swagger';

export class PlanPeriodDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

/** GET /v1/plans/:id, the fields a page shows (targets and counts are described by the route's summary). */
export class PlanViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: String, nullable: true }) directiveId!: string | null;
  @ApiProperty() issuer!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: PlanPeriodDto }) period!: PlanPeriodDto;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) targets!: Record<string, unknown>[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'tasks by status as of `asOf`' })
  taskCounts!: Record<string, number>;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
}
