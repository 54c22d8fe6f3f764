import type { Directive } from '@dondoc/domain/directive';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'rm_directives' })
export class DirectiveEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) number!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn!: string;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', array: true }) basis!: string[];
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'jsonb' }) state!: Directive;
  @Column({ type: 'integer' }) version!: number;
}
