import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_STATUSES } from '@dondoc/domain/task';

/** What GET /v1/tasks and GET /v1/tasks/:id answer, described for the OpenAPI document (and the web client). */
export class TaskListItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() planId!: string;
  @ApiProperty({ description: 'lead office code' }) lead!: string;
  @ApiProperty({ type: String, nullable: true }) criterion!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) originalDueOn!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueOn!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'its completion report was returned by a leader, and the office has not reported again' }) returned!: boolean;
}

export class TaskListResponseDto {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [TaskListItemDto] }) items!: TaskListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RecurrenceViewDto {
  @ApiProperty({ enum: ['month', 'quarter'] }) every!: string;
  @ApiProperty({ format: 'date' }) until!: string;
}

export class ExtensionRequestViewDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ format: 'date' }) requestedDueOn!: string;
  @ApiProperty({ type: String, nullable: true }) phrase!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ enum: ['pending', 'granted', 'denied'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) grantedDueOn!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class EvidenceViewDto {
  @ApiPropertyOptional() documentNumber?: string;
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ description: 'an uploaded file: GET /v1/files/{fileId}' }) fileId?: string;
  @ApiPropertyOptional({ description: 'the SHA-256 of the file’s bytes, as recorded in the event' }) sha256?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() size?: number;
  @ApiPropertyOptional() type?: string;
}

export class CompletionReportViewDto {
  @ApiProperty({ format: 'date' }) completedOn!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [EvidenceViewDto] }) evidence!: EvidenceViewDto[];
  @ApiProperty({ type: Number, nullable: true }) achievedValue!: number | null;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ enum: ['awaiting', 'accepted'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acceptedAt!: string | null;
}

export class TaskProgressViewDto {
  @ApiProperty() note!: string;
  @ApiProperty({ type: Number, nullable: true }) percent!: number | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CancellationViewDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() reason!: string;
}

export class TaskViewDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'office code → printed name, for the offices the task names',
  })
  officeNames!: Record<string, string>;
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ description: 'plan id' }) plan!: string;
  @ApiProperty() lead!: string;
  @ApiProperty({ type: [String] }) supporting!: string[];
  @ApiProperty({ type: String, nullable: true }) followUp!: string | null;
  @ApiProperty({ type: String, nullable: true }) criterion!: string | null;
  @ApiProperty({ type: String, nullable: true }) expectedOutcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) parentTaskId!: string | null;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty() requiresAcceptance!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) originalDueOn!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dueOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the deadline as the plan printed it' }) deadlinePhrase!: string | null;
  @ApiProperty({ type: RecurrenceViewDto, nullable: true }) recurrence!: RecurrenceViewDto | null;
  @ApiProperty({ type: [ExtensionRequestViewDto] }) extensions!: ExtensionRequestViewDto[];
  @ApiProperty() extended!: boolean;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ description: 'days past the deadline, 0 when not overdue' }) daysOverdue!: number;
  @ApiPropertyOptional({ format: 'date' }) completedOn?: string;
  @ApiProperty({ type: CompletionReportViewDto, nullable: true }) completion!: CompletionReportViewDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ type: TaskProgressViewDto, nullable: true }) progress!: TaskProgressViewDto | null;
  @ApiProperty({ type: CancellationViewDto, nullable: true }) cancelled!: CancellationViewDto | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty() version!: number;
}

export class TaskEventActorDto {
  @ApiProperty() userId!: string;
  @ApiProperty() role!: string;
  @ApiProperty() office!: string;
  @ApiPropertyOptional() name?: string;
}

export class TaskEventDto {
  @ApiProperty() position!: string;
  @ApiProperty() version!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: TaskEventActorDto }) actor!: TaskEventActorDto;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() hash!: string;
}

/** The printed names of the offices an answer names, for a reader whose office tree does not hold them. */
const OFFICE_NAMES = { type: 'object', additionalProperties: { type: 'string' }, description: 'office code → printed name' } as const;

export class TaskEventsResponseDto {
  @ApiProperty({ type: [TaskEventDto] }) items!: TaskEventDto[];
  @ApiProperty(OFFICE_NAMES) officeNames!: Record<string, string>;
}
