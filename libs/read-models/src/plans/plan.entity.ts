import type { Plan } from '@dondoc/domain/plan';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'rm_plans' })
export class PlanEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', nullable: true }) code!: string | null;
  @Column({ name: 'directive_id', type: 'uuid', nullable: true }) directiveId!: string | null;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'period_from', type: 'date' }) periodFrom!: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo!: string;
  @Column({ name: 'requires_acceptance', type: 'boolean' }) requiresAcceptance!: boolean;
  @Column({ name: 'follow_up', type: 'text', nullable: true }) followUp!: string | null;
  @Column({ type: 'jsonb' }) targets!: unknown;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'jsonb' }) state!: Plan;
  @Column({ type: 'integer' }) version!: number;
}
