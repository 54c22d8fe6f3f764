import { Module } from '@nestjs/common';
import { AcceptCompletionHandler } from './accept-completion/accept-completion.handler';
import { AcknowledgeTaskHandler } from './acknowledge-task/acknowledge-task.handler';
import { AssignTaskHandler } from './assign-task/assign-task.handler';
import { TaskAssignments } from './assign-task/task-assignments';
import { CancelTaskHandler } from './cancel-task/cancel-task.handler';
import { ChangeDeadlineHandler } from './change-deadline/change-deadline.handler';
import { DenyExtensionHandler } from './deny-extension/deny-extension.handler';
import { GrantExtensionHandler } from './grant-extension/grant-extension.handler';
import { ReassignTaskHandler } from './reassign-task/reassign-task.handler';
import { ReopenTaskHandler } from './reopen-task/reopen-task.handler';
import { ReportCompletionHandler } from './report-completion/report-completion.handler';
import { ReportProgressHandler } from './report-progress/report-progress.handler';
import { RequestExtensionHandler } from './request-extension/request-extension.handler';
import { ReturnCompletionHandler } from './return-completion/return-completion.handler';
import { DecisionsController } from './list-decisions/decisions.controller';
import { TasksController } from './tasks.controller';
import { FilesModule } from '../files/files.module';
import { ReportsModule } from '../reports/reports.module';

@Module({
  imports: [ReportsModule, FilesModule],
  controllers: [TasksController, DecisionsController],
  exports: [TaskAssignments],
  providers: [
    TaskAssignments,
    AssignTaskHandler,
    AcknowledgeTaskHandler,
    ReportProgressHandler,
    RequestExtensionHandler,
    GrantExtensionHandler,
    DenyExtensionHandler,
    ChangeDeadlineHandler,
    ReportCompletionHandler,
    AcceptCompletionHandler,
    ReturnCompletionHandler,
    ReassignTaskHandler,
    CancelTaskHandler,
    ReopenTaskHandler,
  ],
})
export class TasksModule {}
