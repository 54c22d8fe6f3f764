export * from './digest.runner';
export * from './digest.mailer';
export * from './digest-runner.module';
export * from './digest-runner.factory';
export * from './digests-worker.module';
