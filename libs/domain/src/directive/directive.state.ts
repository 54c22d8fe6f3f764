import { DirectiveIssued } from './directive.events';

type Issued = DirectiveIssued['data'];

export interface Directive extends Issued {
  status: 'issued' | 'revoked';
  revokedReason: string | null;
  /** How many amendments it went through. */
  amendments: number;
}

export type DirectiveState = Directive | null;
export const initialDirectiveState: DirectiveState = null;

export const directiveStreamId = (id: string): string => `directive-${id}`;
