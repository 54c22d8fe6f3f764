import { CheckpointEntity } from './projection/checkpoint.entity';
import { OfficeEntity } from './offices/office.entity';
import { OfficeProjector } from './offices/office.projector';
import { OfficeQuery } from './offices/office.query';
import { TaskEntity, TaskItemEntity } from './tasks/task.entity';
import { TaskProjector } from './tasks/task.projector';
import { TaskQuery } from './tasks/task.query';

/** Every read model, listed once: entity, projector, query. */
export const READ_MODEL_ENTITIES = [CheckpointEntity, OfficeEntity, TaskEntity, TaskItemEntity];
export const READ_MODEL_PROJECTORS = [OfficeProjector, TaskProjector];
export const READ_MODEL_QUERIES = [OfficeQuery, TaskQuery];
