import { ApiProperty } from '@nestjs/swagger';

export class RateDto {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
  @ApiProperty({ type: String, nullable: true, description: 'two decimals, exact; null when the denominator is 0' }) percent!:
    string | null;
}

class CompletionCountsDto {
  @ApiProperty() assigned!: number;
  @ApiProperty() due!: number;
  @ApiProperty() doneOnTime!: number;
  @ApiProperty() doneLate!: number;
  @ApiProperty() inProgress!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() awaitingAcceptance!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() noDeadline!: number;
  @ApiProperty() extended!: number;
  @ApiProperty({ type: RateDto }) completionRate!: RateDto;
  @ApiProperty({ type: RateDto }) onTimeRate!: RateDto;
  @ApiProperty({ type: RateDto }) overdueRate!: RateDto;
}

export class CompletionGroupDto extends CompletionCountsDto {
  @ApiProperty({ type: String, nullable: true }) key!: string | null;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
}

export class CompletionTotalDto extends CompletionCountsDto {}

export class ReportPeriodDto {
  @ApiProperty({ type: String, nullable: true, format: 'date' }) from!: string | null;
  @ApiProperty({ format: 'date' }) to!: string;
}

/** GET /v1/reports/completion. */
export class CompletionReportResponseDto {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ enum: ['office', 'criterion', 'area', 'plan'] }) groupBy!: string;
  @ApiProperty({ type: ReportPeriodDto, nullable: true }) period!: ReportPeriodDto | null;
  @ApiProperty({ enum: ['halfUp', 'truncate'] }) rounding!: string;
  @ApiProperty({ type: [CompletionGroupDto] }) groups!: CompletionGroupDto[];
  @ApiProperty({ type: CompletionTotalDto }) total!: CompletionTotalDto;
}
