export * from './directive-kind';
export * from './directive-number';
export * from './directive.commands';
export * from './directive.events';
export * from './directive.state';
export * from './directive.evolve';
export * from './directive.decide';
