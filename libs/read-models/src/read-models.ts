import { PlanListQuery } from './plans/plan-list.query';
import { TaskDecisionsQuery } from './tasks/task-decisions.query';
import { CheckpointEntity } from './projection/checkpoint.entity';
import { DirectiveEntity } from './directives/directive.entity';
import { DirectiveProjector } from './directives/directive.projector';
import { DirectiveQuery } from './directives/directive.query';
import { PlanEntity } from './plans/plan.entity';
import { PlanProjector } from './plans/plan.projector';
import { PlanQuery } from './plans/plan.query';
import { OfficeEntity } from './offices/office.entity';
import { OfficeProjector } from './offices/office.projector';
import { OfficeQuery } from './offices/office.query';
import { TaskEntity, TaskItemEntity } from './tasks/task.entity';
import { TaskProjector } from './tasks/task.projector';
import { TaskQuery } from './tasks/task.query';
import { TaskReplay } from './tasks/task.replay';
import { IndexFrameworkEntity, IndexScoreEntity } from './index-frameworks/index-framework.entity';
import { IndexFrameworkProjector } from './index-frameworks/index-framework.projector';
import { IndexFrameworkQuery } from './index-frameworks/index-framework.query';
import { ReportQuery } from './reports/report.query';
import { ReportReplay } from './reports/report-replay';
import { DigestEntity } from './digests/digest.entity';
import { DigestProjector } from './digests/digest.projector';
import { DigestQuery } from './digests/digest.query';
import { UserEntity } from './users/user.entity';
import { UserProjector } from './users/user.projector';
import { UserQuery } from './users/user.query';
import { FindingEntity, InspectionEntity } from './inspections/inspection.entity';
import { InspectionProjector } from './inspections/inspection.projector';
import { InspectionQuery } from './inspections/inspection.query';
import { FindingsReplay } from './inspections/findings-replay';
import { AuditEventEntity } from './audit/audit-event.entity';
import { AuditIndexProjector } from './audit/audit-index.projector';

/** Every read model, listed once: entity, projector, query. */
export const READ_MODEL_ENTITIES = [
  CheckpointEntity,
  OfficeEntity,
  DirectiveEntity,
  PlanEntity,
  TaskEntity,
  TaskItemEntity,
  IndexFrameworkEntity,
  IndexScoreEntity,
  DigestEntity,
  UserEntity,
  InspectionEntity,
  FindingEntity,
  AuditEventEntity,
];
export const READ_MODEL_PROJECTORS = [
  OfficeProjector,
  DirectiveProjector,
  PlanProjector,
  TaskProjector,
  IndexFrameworkProjector,
  DigestProjector,
  UserProjector,
  InspectionProjector,
  AuditIndexProjector,
];
export const READ_MODEL_QUERIES = [
  OfficeQuery,
  DirectiveQuery,
  PlanQuery,
  PlanListQuery,
  TaskQuery,
  TaskDecisionsQuery,
  TaskReplay,
  IndexFrameworkQuery,
  ReportQuery,
  ReportReplay,
  DigestQuery,
  UserQuery,
  InspectionQuery,
  FindingsReplay,
];
