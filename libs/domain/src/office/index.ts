export * from './office.state';
export type * from './office.commands';
export * from './office.events';
export * from './office.evolve';
export * from './office.decide';
export * from './office-code';
export * from './office-access';
