export * from './actor';
export * from './clock.port';
export * from './domain-error';
export * from './event';
export * from './local-date';
