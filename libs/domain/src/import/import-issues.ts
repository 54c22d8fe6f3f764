import { DomainError } from '../shared';

/** One thing wrong with a plan file, at a place the author can find (`tasks[II.1.a].deadline`). */
export interface ImportIssue {
  field: string;
  message: string;
}

/** Something the importer did differently from the file, or doubts, without refusing it. */
export interface ImportWarning {
  code: string;
  field: string;
  message: string;
}

/** A file with problems: every one found (up to a cap) is reported; nothing is written. */
export class ImportInvalid extends DomainError {
  constructor(readonly issues: ImportIssue[]) {
    super(
      'IMPORT_INVALID',
      'validation',
      `the file cannot be imported (${issues.length}${issues.length >= MAX_ISSUES ? '+' : ''} problem(s)); nothing was written`,
      issues[0]?.field,
    );
    this.name = 'ImportInvalid';
  }
}

const MAX_ISSUES = 100;

/** Collects problems instead of stopping at the first, so one answer lists what to fix. */
export class IssueList {
  readonly items: ImportIssue[] = [];

  add(field: string, message: string): void {
    if (this.items.length < MAX_ISSUES) this.items.push({ field, message });
  }

  get full(): boolean {
    return this.items.length >= MAX_ISSUES;
  }

  get count(): number {
    return this.items.length;
  }

  /**
   * Runs a decision; a DomainError becomes an issue at `field(e.field)` and the result is undefined.
   * Anything else is a bug and is thrown.
   */
  guard<T>(field: (inner: string | undefined) => string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      this.add(field(e.field), e.message);
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ImportInvalid(this.items);
  }
}
