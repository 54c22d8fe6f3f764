import { eventLog } from './001-event-log';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; never edit one that has shipped, add the next. */
export const MIGRATIONS: Migration[] = [{ version: 1, name: 'event-log', sql: eventLog }];
