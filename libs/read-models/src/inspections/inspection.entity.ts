import type { Finding, Inspection } from '@dondoc/domain/inspection';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per inspection: the state, plus what lists filter on. */
@Entity({ name: 'rm_inspections' })
export class InspectionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', nullable: true }) code!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'inspecting_office', type: 'text' }) inspectingOffice!: string;
  @Column({ type: 'text', array: true }) offices!: string[];
  /** The inspecting office's path, then each inspected office's: `office=` matches any of them. */
  @Column({ type: 'text', array: true }) paths!: string[];
  @Column({ name: 'plan_id', type: 'uuid', nullable: true }) planId!: string | null;
  @Column({ name: 'period_from', type: 'date' }) periodFrom!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'jsonb' }) state!: Inspection;
  @Column({ type: 'integer' }) version!: number;
}

/** One row per finding; `office_path` is the inspected office's (report and read scope). */
@Entity({ name: 'rm_findings' })
export class FindingEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'inspection_id', type: 'uuid' }) inspectionId!: string;
  @Column({ name: 'inspecting_office', type: 'text' }) inspectingOffice!: string;
  @Column({ type: 'text' }) office!: string;
  @Column({ name: 'office_path', type: 'text' }) officePath!: string;
  @Column({ type: 'text', nullable: true }) criterion!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'task_ids', type: 'uuid', array: true }) taskIds!: string[];
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ type: 'jsonb' }) state!: Finding;
  @Column({ type: 'integer' }) version!: number;
}
