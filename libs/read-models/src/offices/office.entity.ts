import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'rm_offices' })
export class OfficeEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  parent!: string | null;

  @Column({ type: 'text', nullable: true })
  level!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** '/PROVINCE/DISTRICT/CODE/': an office's subtree is every path with this prefix. */
  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'text' })
  status!: 'active' | 'merged' | 'closed';

  @Column({ name: 'merged_into', type: 'text', nullable: true })
  mergedInto!: string | null;

  @Column({ type: 'integer' })
  version!: number;
}
