import type { DigestCounts, DigestStatus } from '@dondoc/domain/digest';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface DigestFailure {
  at: string;
  error: string;
  attempts: number;
}

/** One weekly digest per office and ISO week: as issued (both parts) and how its delivery went. */
@Entity({ name: 'rm_digests' })
export class DigestEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) office!: string;
  @Column({ name: 'office_name', type: 'text' }) officeName!: string;
  @Column({ type: 'text' }) week!: string;
  @Column({ name: 'as_of', type: 'timestamptz' }) asOf!: Date;
  @Column({ type: 'jsonb' }) counts!: DigestCounts;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text', array: true }) recipients!: string[];
  @Column({ type: 'text' }) html!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) status!: DigestStatus;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'message_id', type: 'text', nullable: true }) messageId!: string | null;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'jsonb' }) failures!: DigestFailure[];
  @Column({ type: 'integer' }) version!: number;
}
