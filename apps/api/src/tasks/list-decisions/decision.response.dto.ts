import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DecisionWaitingDto {
  @ApiProperty({ enum: ['extension', 'completion'] }) kind!: 'extension' | 'completion';
  @ApiProperty() taskId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() planId!: string;
  @ApiProperty() lead!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueOn!: string | null;
  @ApiProperty({ format: 'date-time', description: 'when it was asked or reported' }) since!: string;
  @ApiProperty({ description: 'the task stream version, for If-Match' }) version!: number;
  @ApiPropertyOptional({ description: "a recurring task's period ('2026-Q4'): send it back as `occurrence` when deciding" })
  occurrence?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ format: 'date' }) requestedDueOn?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ format: 'date' }) completedOn?: string;
  @ApiPropertyOptional() note?: string;
}

export class DecisionsResponseDto {
  @ApiProperty({ type: [DecisionWaitingDto] }) items!: DecisionWaitingDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
