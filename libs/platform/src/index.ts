export * from './clock/system-clock';
export * from './config/app-config';
export * from './database/embedded-database';
export * from './database/migrate';
export * from './database/open-database';
export * from './nest/core.module';
export * from './nest/event-store.factory';
export * from './nest/tokens';
