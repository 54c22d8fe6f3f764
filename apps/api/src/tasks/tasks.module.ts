import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { ReportsModule } from '../reports/reports.module';
import { AcceptCompletionController } from './accept-completion/accept-completion.controller';
import { AcknowledgeTaskController } from './acknowledge-task/acknowledge-task.controller';
import { CancelTaskController } from './cancel-task/cancel-task.controller';
import { ChangeDeadlineController } from './change-deadline/change-deadline.controller';
import { DenyExtensionController } from './deny-extension/deny-extension.controller';
import { GrantExtensionController } from './grant-extension/grant-extension.controller';
import { ReassignTaskController } from './reassign-task/reassign-task.controller';
import { ReopenTaskController } from './reopen-task/reopen-task.controller';
import { ReportCompletionController } from './report-completion/report-completion.controller';
import { ReportProgressController } from './report-progress/report-progress.controller';
import { RequestExtensionController } from './request-extension/request-extension.controller';
import { ReturnCompletionController } from './return-completion/return-completion.controller';
import { AssignTaskController } from './assign-task/assign-task.controller';
import { AssignTaskHandler } from './assign-task/assign-task.handler';
import { TaskAssignments } from './assign-task/task-assignments';
import { DecisionsController } from './list-decisions/decisions.controller';
import { TaskWrites } from './task-writes';
import { TasksController } from './tasks.controller';

/** The tasks area: reads in TasksController, each write in its use-case folder (route, request DTO, mapping to the domain command). */
@Module({
  imports: [ReportsModule, FilesModule],
  controllers: [
    TasksController,
    DecisionsController,
    AssignTaskController,
    AcceptCompletionController,
    AcknowledgeTaskController,
    CancelTaskController,
    ChangeDeadlineController,
    DenyExtensionController,
    GrantExtensionController,
    ReassignTaskController,
    ReopenTaskController,
    ReportCompletionController,
    ReportProgressController,
    RequestExtensionController,
    ReturnCompletionController,
  ],
  providers: [AssignTaskHandler, TaskAssignments, TaskWrites],
  exports: [TaskAssignments],
})
export class TasksModule {}
