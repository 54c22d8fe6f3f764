import { eventLog } from './001-event-log';
import { readModels } from './002-read-models';
import { appRole } from './003-app-role';

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
];
