import { TaskEvent } from './task.events';
import { admin, assigned, expectRefusal, when } from './task.spec-helpers';

// assigned() is dated AT_ASSIGN: 2024-01-15T09:00:00+07:00.
const history: TaskEvent[] = [assigned()];

describe('a back-filled event (admin Occurred-At)', () => {
  it('may be dated at the assignment or after it', () => {
    expect(when(history, { type: 'ReportProgress', note: 'x' }, admin('2024-01-15T09:00:00+07:00'))[0].type).toBe('ProgressReported');
    expect(when(history, { type: 'AcknowledgeTask' }, admin('2024-01-16T08:00:00+07:00'))[0].type).toBe('TaskAcknowledged');
  });

  it('may not be dated before the task was assigned: 400 OCCURRED_BEFORE_ASSIGNMENT naming Occurred-At', () => {
    expectRefusal(
      history,
      { type: 'ReportProgress', note: 'x' },
      admin('2024-01-15T08:59:59+07:00'),
      'OCCURRED_BEFORE_ASSIGNMENT',
      'validation',
      'Occurred-At',
    );
    expectRefusal(
      history,
      { type: 'CancelTask', reason: 'x' },
      admin('2023-12-31T10:00:00+07:00'),
      'OCCURRED_BEFORE_ASSIGNMENT',
      'validation',
      'Occurred-At',
    );
  });
});
