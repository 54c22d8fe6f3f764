import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeadlineContext, DeadlineKind, parseDeadlinePhrase } from './deadline-phrase.parser';

/**
 * Every deadline of test/fixtures/deadline-corpus.json (printed in real plans, reports and
 * directives, each with its source) reads to the kind and date an official gives it; none that
 * names a date is unreadable.
 */
interface CorpusPhrase {
  phrase: string;
  context: DeadlineContext;
  kind: DeadlineKind;
  dueOn?: string;
  recurrence?: { every: string; until?: string; on?: string };
  reading: string;
  source: { document: string; issuer: string; where: string; url?: string };
}

const corpus: CorpusPhrase[] = JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/deadline-corpus.json'), 'utf8')).phrases;

describe('the deadline corpus', () => {
  it('holds printed cells from many documents', () => {
    expect(new Set(corpus.map((p) => p.phrase)).size).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((p) => p.source.document)).size).toBeGreaterThanOrEqual(8);
  });

  it('names the source of every phrase', () => {
    for (const p of corpus) expect(p.source.document && p.source.issuer && p.source.where).toBeTruthy();
  });

  it.each(corpus.map((p) => [p.phrase, p.source.issuer, p] as const))('"%s" (%s)', (phrase, _issuer, p) => {
    const reading = parseDeadlinePhrase(phrase, 'deadline', p.context);
    expect(reading.phrase).toBe(phrase);
    expect(reading.kind).toBe(p.kind);
    expect(reading.dueOn).toBe(p.dueOn);
    if (p.recurrence) expect(reading.recurrence).toMatchObject(p.recurrence);
    else if (p.kind !== 'openEnded') expect(reading.recurrence).toBeUndefined();
  });
});
