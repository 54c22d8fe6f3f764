export * from './decimal';
export * from './rate';
export * from './target';
export * from './target-attainment';
export * from './target-report';
export * from './reporting-period';
export * from './index-framework';
