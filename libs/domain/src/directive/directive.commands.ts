import { LocalDate } from '../shared';

export interface IssueDirective {
  type: 'IssueDirective';
  data: {
    id: string;
    number: string;
    kind: string;
    issuedOn: LocalDate;
    issuer: string;
    title: string;
    /** Numbers of the directives it implements ("Căn cứ…", "Thực hiện…"). */
    basis?: string[];
  };
}
/** At least one of title or basis; basis replaces the whole list. */
export interface AmendDirective {
  type: 'AmendDirective';
  data: { title?: string; basis?: string[]; reason: string };
}
export interface RevokeDirective {
  type: 'RevokeDirective';
  data: { reason: string };
}

export type DirectiveCommand = IssueDirective | AmendDirective | RevokeDirective;
