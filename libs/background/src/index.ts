export * from './background.module';
