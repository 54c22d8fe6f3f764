import { describeMultiProcess } from './support/multi-process';

/**
 * Issue 8: 3 API processes and 2 workers on one PostgreSQL (test/support/multi-process.ts says
 * what is checked). MULTI_PROCESS_COMMANDS sets the number of commands (10,000 by default, what CI runs).
 */
describeMultiProcess({
  title: '3 API processes and 2 workers on one database (e2e)',
  commands: Number(process.env.MULTI_PROCESS_COMMANDS ?? 10_000),
});
