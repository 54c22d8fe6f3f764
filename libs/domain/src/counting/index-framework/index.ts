export * from './index-framework';
export * from './index-framework.commands';
export * from './index-framework.events';
export * from './index-framework.state';
export * from './index-framework.evolve';
export * from './index-framework.decide';
