import type { TaskState } from '@dondoc/domain/task';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per task: the whole state for detail, plus the columns lists and reports filter on. */
@Entity({ name: 'rm_tasks' })
export class TaskEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) lead!: string;
  @Column({ name: 'lead_path', type: 'text' }) leadPath!: string;
  @Column({ type: 'text', array: true }) supporting!: string[];
  @Column({ name: 'follow_up', type: 'text', nullable: true }) followUp!: string | null;
  @Column({ type: 'text', nullable: true }) criterion!: string | null;
  @Column({ type: 'text', nullable: true }) area!: string | null;
  @Column({ name: 'original_due_on', type: 'date', nullable: true }) originalDueOn!: string | null;
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn!: string | null;
  @Column({ type: 'boolean' }) recurring!: boolean;
  @Column({ type: 'boolean' }) extended!: boolean;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
  @Column({ name: 'completed_on', type: 'date', nullable: true }) completedOn!: string | null;
  @Column({ name: 'awaiting_on', type: 'date', nullable: true }) awaitingOn!: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @Column({ type: 'jsonb' }) state!: TaskState;
  @Column({ type: 'integer' }) version!: number;
}

/** One row per countable item: the task itself, or each occurrence of a recurring task. */
@Entity({ name: 'rm_task_items' })
export class TaskItemEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' }) taskId!: string;
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId!: string;
  @Column({ type: 'text' }) lead!: string;
  @Column({ name: 'lead_path', type: 'text' }) leadPath!: string;
  @Column({ type: 'text', nullable: true }) criterion!: string | null;
  @Column({ type: 'text', nullable: true }) area!: string | null;
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn!: string | null;
  @Column({ type: 'boolean' }) extended!: boolean;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
  @Column({ name: 'completed_on', type: 'date', nullable: true }) completedOn!: string | null;
  @Column({ name: 'awaiting_on', type: 'date', nullable: true }) awaitingOn!: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
}
