export * from './postgres-event-store';
export * from './verify';
export * from './anchors';
