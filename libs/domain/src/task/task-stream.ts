/** One stream per task. */
export const taskStreamId = (taskId: string): string => `task-${taskId}`;
