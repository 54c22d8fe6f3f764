export * from './event-store.port';
export * from './errors';
export * from './hashing';
export * from './position';
export * from './postgres';
export * from './verify';
