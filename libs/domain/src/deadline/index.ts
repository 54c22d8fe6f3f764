export { parseDeadlinePhrase, DEADLINE_PHRASE_UNREADABLE } from './deadline-phrase.parser';
export type { DeadlineContext, DeadlineKind, DeadlineReading, DeadlineRecurrence } from './deadline-phrase.parser';
