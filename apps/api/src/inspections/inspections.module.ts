import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { TasksModule } from '../tasks/tasks.module';
import { CancelInspectionHandler } from './cancel-inspection/cancel-inspection.handler';
import { ConcludeInspectionHandler } from './conclude-inspection/conclude-inspection.handler';
import { FindingsController } from './findings.controller';
import { InspectionAccess } from './inspection-access';
import { InspectionsController } from './inspections.controller';
import { ImportFindingsHandler } from './import-findings/import-findings.handler';
import { PlanInspectionHandler } from './plan-inspection/plan-inspection.handler';
import { RaiseRemediationHandler } from './raise-remediation/raise-remediation.handler';
import { RecordConductedHandler } from './record-conducted/record-conducted.handler';
import { RecordFindingHandler } from './record-finding/record-finding.handler';
import { ReopenFindingHandler } from './reopen-finding/reopen-finding.handler';
import { RescheduleInspectionHandler } from './reschedule-inspection/reschedule-inspection.handler';
import { ResolveFindingHandler } from './resolve-finding/resolve-finding.handler';
import { WithdrawFindingHandler } from './withdraw-finding/withdraw-finding.handler';

/** Inspections and findings (issue 20); remediation tasks go through the tasks area's assignment. */
@Module({
  imports: [TasksModule, FilesModule],
  controllers: [InspectionsController, FindingsController],
  providers: [
    InspectionAccess,
    PlanInspectionHandler,
    RescheduleInspectionHandler,
    RecordConductedHandler,
    ConcludeInspectionHandler,
    CancelInspectionHandler,
    RecordFindingHandler,
    ResolveFindingHandler,
    ReopenFindingHandler,
    WithdrawFindingHandler,
    RaiseRemediationHandler,
    ImportFindingsHandler,
  ],
  exports: [InspectionAccess],
})
export class InspectionsModule {}
