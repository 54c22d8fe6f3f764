import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a projector stands in the global log; moved in the same transaction as its read models. */
@Entity({ name: 'rm_checkpoints' })
export class CheckpointEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  position!: string;

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
