import type { IndexArea, IndexCriterion, IndexLevel } from '@dondoc/domain/counting';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per framework version (code, year, level): its areas and criteria with max points. */
@Entity({ name: 'rm_index_frameworks' })
export class IndexFrameworkEntity {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @PrimaryColumn({ type: 'text' }) level!: IndexLevel;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'jsonb' }) areas!: IndexArea[];
  @Column({ type: 'jsonb' }) criteria!: IndexCriterion[];
  @Column({ name: 'sipas_max', type: 'text', nullable: true }) sipasMax!: string | null;
  @Column({ type: 'integer' }) version!: number;
}

/** The latest recorded result of a unit under a framework version (a later record corrects). */
@Entity({ name: 'rm_index_scores' })
export class IndexScoreEntity {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @PrimaryColumn({ type: 'text' }) level!: IndexLevel;
  @PrimaryColumn({ type: 'text' }) unit!: string;
  /** Points per area code, canonical decimal strings. */
  @Column({ type: 'jsonb' }) scores!: Record<string, string>;
  @Column({ type: 'text', nullable: true }) sipas!: string | null;
  @Column({ type: 'text', nullable: true }) total!: string | null;
  @Column({ type: 'text', nullable: true }) rank!: string | null;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
