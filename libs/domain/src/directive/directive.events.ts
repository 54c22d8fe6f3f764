import { DomainEvent, LocalDate } from '../shared';
import { DirectiveKind } from './directive-kind';

export type DirectiveIssued = DomainEvent<
  'DirectiveIssued',
  { id: string; number: string; kind: DirectiveKind; issuedOn: LocalDate; issuer: string; title: string; basis: string[] }
>;
/** Only the amended fields are present. */
export type DirectiveAmended = DomainEvent<'DirectiveAmended', { id: string; title?: string; basis?: string[]; reason: string }>;
export type DirectiveRevoked = DomainEvent<'DirectiveRevoked', { id: string; reason: string }>;

export type DirectiveEvent = DirectiveIssued | DirectiveAmended | DirectiveRevoked;
export const DIRECTIVE_EVENT_TYPES: readonly DirectiveEvent['type'][] = ['DirectiveIssued', 'DirectiveAmended', 'DirectiveRevoked'];
