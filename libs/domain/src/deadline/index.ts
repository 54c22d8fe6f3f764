export { parseDeadlinePhrase, DEADLINE_PHRASE_UNREADABLE } from './deadline-phrase.parser';
export type { DeadlinePhrase } from './deadline-phrase.parser';
