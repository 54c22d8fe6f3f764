export * from './plan.commands';
export * from './plan.events';
export * from './plan.state';
export * from './plan.evolve';
export * from './plan.decide';
export * from './plan-code';
