import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Grant } from '@dondoc/domain/user';

@Entity({ name: 'rm_users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  /** Lower-cased: the unique, case-insensitive key sign-in looks up. */
  @Column({ name: 'username_key', type: 'text' })
  usernameKey!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  status!: 'active' | 'disabled';

  @Column({ type: 'jsonb' })
  grants!: Grant[];

  /** The grants' offices, for `?office=` and a leader's scope. */
  @Column({ name: 'grant_offices', type: 'text', array: true })
  grantOffices!: string[];

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'must_change_password', type: 'boolean' })
  mustChangePassword!: boolean;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
