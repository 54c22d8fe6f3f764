export * from './user.events';
export * from './user.state';
export type * from './user.commands';
export * from './user.evolve';
export * from './user.decide';
export * from './username-claim';
