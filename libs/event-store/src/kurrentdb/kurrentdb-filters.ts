import { Filter, eventTypeFilter, excludeSystemEvents, streamNameFilter } from '@kurrent/kurrentdb-client';
import { ReadAllOptions, RecordedEvent } from '../event-store.port';

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Streams read at once by readStreams. */
export const READ_STREAMS_CONCURRENCY = 16;

export function typeMatches(e: RecordedEvent, filter: ReadAllOptions['filter']): boolean {
  if (filter?.types && !filter.types.includes(e.type)) return false;
  if (filter?.streamPrefix && !e.streamId.startsWith(filter.streamPrefix)) return false;
  return true;
}

/**
 * The server-side part of a filter: KurrentDB filters on one thing, the stream name or the event
 * type. A stream prefix is used when there is one (it is the narrower in practice); the event
 * types are then checked here. Without a filter, system events are left out.
 */
export function serverFilter(filter: ReadAllOptions['filter']): Filter {
  if (filter?.streamPrefix) return streamNameFilter({ prefixes: [filter.streamPrefix] });
  if (filter?.types?.length) return eventTypeFilter({ regex: `^(?:${filter.types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}
