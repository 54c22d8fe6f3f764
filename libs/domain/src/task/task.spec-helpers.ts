// Shared by the task specs (not a spec itself): a small office tree, actors, and given/when/then.
import { CommandContext, ErrorCategory, Role } from '../shared';
import { deciderSpec, refusalOf } from '../testing';
import { AssignTask, TaskCommand } from './task.commands';
import { taskDecider } from './task.decide';
import { TaskAssigned, TaskEvent } from './task.events';
import { TaskState } from './task.state';

const PARENT: Record<string, string> = {
  'UBND-SH': 'UBND-QNG',
  'SNV-QNG': 'UBND-QNG',
  'SH-NV': 'UBND-SH',
  'SH-VP': 'UBND-SH',
  'SH-TP': 'UBND-SH',
  'SH-VHTT': 'UBND-SH',
};

export function isWithin(office: string, ancestor: string): boolean {
  for (let o: string | undefined = office; o; o = PARENT[o]) if (o === ancestor) return true;
  return false;
}

export function ctx(role: Role, office: string, at: string): CommandContext {
  const instant = new Date(at);
  return { actor: { userId: `${role}-${office}`, role, office }, occurredAt: instant, recordedAt: instant, isWithin };
}

export const AT_ASSIGN = '2024-01-15T09:00:00+07:00';
export const leader = (at = '2024-02-01T10:00:00+07:00') => ctx('leader', 'UBND-SH', at);
export const officer = (at = '2024-02-01T10:00:00+07:00', office = 'SH-NV') => ctx('officer', office, at);
export const admin = (at = '2024-02-01T10:00:00+07:00') => ctx('admin', 'UBND-QNG', at);
export const inspector = (at = '2024-02-01T10:00:00+07:00') => ctx('inspector', 'SNV-QNG', at);

export const assignCommand = (over: Partial<AssignTask> = {}): AssignTask => ({
  type: 'AssignTask',
  taskId: 'task-1',
  planId: 'plan-1',
  title: 'Tham mưu Kế hoạch kiểm tra',
  lead: 'SH-NV',
  requiresAcceptance: true,
  dueOn: '2024-03-31',
  ...over,
});

/** The TaskAssigned that `assignCommand()` yields at AT_ASSIGN, with `data` overrides. */
export const assigned = (over: Partial<TaskAssigned['data']> = {}): TaskAssigned => ({
  type: 'TaskAssigned',
  data: {
    taskId: 'task-1',
    planId: 'plan-1',
    title: 'Tham mưu Kế hoạch kiểm tra',
    description: null,
    lead: 'SH-NV',
    supporting: [],
    followUp: null,
    criterion: null,
    expectedOutcome: null,
    target: null,
    parentTaskId: null,
    requiresAcceptance: true,
    assignedAt: '2024-01-15T02:00:00.000Z',
    assignedOn: '2024-01-15',
    deadline: { dueOn: '2024-03-31', phrase: null, recurrence: null },
    ...over,
  },
});

const spec = deciderSpec(taskDecider);
export const stateOf = (events: TaskEvent[]): TaskState | null => spec.stateOf(events);

/** given events, when command: the events decided. */
export const when = (events: TaskEvent[], command: TaskCommand, context: CommandContext): TaskEvent[] =>
  spec.given(events, command, context);

/** given events, when command: expect a DomainError with this code and category (and field). */
export function expectRefusal(
  events: TaskEvent[],
  command: TaskCommand,
  context: CommandContext,
  code: string,
  category: ErrorCategory,
  field?: string,
): void {
  const refusal = refusalOf(() => when(events, command, context));
  expect({ code: refusal.code, category: refusal.category }).toEqual({ code, category });
  if (field !== undefined) expect(refusal.field).toBe(field);
}
