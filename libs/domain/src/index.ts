export * from './shared';
export * from './office';
export * from './directive';
export * from './plan';
export * from './task';
export * from './deadline';
export * from './counting';
export * from './user';
