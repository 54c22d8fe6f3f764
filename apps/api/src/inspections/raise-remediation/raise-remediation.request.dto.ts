import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AssignTaskRequestDto } from '../../tasks/assign-task/assign-task.request.dto';

/** The body of POST /v1/plans/:id/tasks, plus the plan when it is not the inspection's. */
export class RaiseRemediationRequestDto extends AssignTaskRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'default: the inspection’s plan' }) @IsOptional() @IsUUID() plan?: string;
}
