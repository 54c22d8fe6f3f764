export * from './in-memory-event-store';
export * from './in-memory-log';
