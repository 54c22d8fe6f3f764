import { eventLog } from './001-event-log';
import { readModels } from './002-read-models';
import { appRole } from './003-app-role';
import { appendGroups } from './004-append-groups';
import { idempotencyClaims } from './005-idempotency-claims';
import { users } from './009-users';
import { files } from './010-files';
import { readMarks } from './011-read-marks';
import { inspections } from './012-inspections';
import { namedCheckpoints } from './013-named-checkpoints';
import { auditIndex } from './014-audit-index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; never edit one that has shipped, add the next. */
export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'event-log', sql: eventLog },
  { version: 2, name: 'read-models', sql: readModels },
  { version: 3, name: 'app-role', sql: appRole },
  { version: 4, name: 'append-groups', sql: appendGroups },
  { version: 5, name: 'idempotency-claims', sql: idempotencyClaims },
  { version: 9, name: 'users', sql: users },
  { version: 10, name: 'files', sql: files },
  { version: 11, name: 'read-marks', sql: readMarks },
  { version: 12, name: 'inspections', sql: inspections },
  { version: 13, name: 'named-checkpoints', sql: namedCheckpoints },
  { version: 14, name: 'audit-index', sql: auditIndex },
];

/** What the event log alone needs (no read models, no app role): for private databases in tests. */
export const EVENT_LOG_MIGRATIONS = MIGRATIONS.filter((m) => m.name === 'event-log' || m.name === 'append-groups');
