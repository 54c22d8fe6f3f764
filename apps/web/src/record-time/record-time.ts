import { useEffect, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/use-me';

/**
 * The two clocks an inspector can set for the whole app (DOMAIN.md, "Time travel"):
 * `knownAt` — only what had been recorded by that instant (the page as it was shown then);
 * `asOf` — classify as of that date, with everything known now. Kept in the URL (`?knownAt=`,
 * `?asOf=`) so that a link shows the same, and carried across navigation by <KeepRecordTime/>.
 */
export interface RecordTime {
  /** ISO instant. */
  knownAt?: string;
  /** `YYYY-MM-DD`. */
  asOf?: string;
}

const KEYS = ['knownAt', 'asOf'] as const;
const STORAGE = 'dondoc.recordTime';

function fromSearch(search: string): RecordTime {
  const p = new URLSearchParams(search);
  const rt: RecordTime = {};
  for (const k of KEYS) {
    const v = p.get(k);
    if (v) rt[k] = v;
  }
  return rt;
}

function initial(): RecordTime {
  const inUrl = fromSearch(window.location.search);
  if (inUrl.knownAt || inUrl.asOf) return inUrl;
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE) ?? '{}') as RecordTime;
  } catch {
    return {};
  }
}

let current: RecordTime = initial();
const listeners = new Set<() => void>();
const same = (a: RecordTime, b: RecordTime) => a.knownAt === b.knownAt && a.asOf === b.asOf;

export function setRecordTime(next: RecordTime): void {
  const clean: RecordTime = {};
  for (const k of KEYS) if (next[k]) clean[k] = next[k];
  if (same(clean, current)) return;
  current = clean;
  sessionStorage.setItem(STORAGE, JSON.stringify(clean));
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Only inspectors and admins may ask for `knownAt` (API.md); anyone else reads the present. */
const forRole = (rt: RecordTime, role: string | undefined): RecordTime => (role === 'inspector' || role === 'admin' ? rt : {});

export function useRecordTime(): RecordTime {
  const rt = useSyncExternalStore(subscribe, () => current);
  const me = useMe();
  return forRole(rt, me.data?.role);
}

/** The record time a person of `role` reads now, outside React (the sign-in page's prefetch). */
export const recordTimeOf = (role: string): RecordTime => forRole(current, role);

/** The search string with the record time set in it (and nothing else changed). */
export function withRecordTime(search: string, rt: RecordTime): string {
  const p = new URLSearchParams(search);
  for (const k of KEYS) {
    if (rt[k]) p.set(k, rt[k]!);
    else p.delete(k);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * Keeps the URL and the record time in step: a URL that names one (a pasted link, the back
 * button) sets it; a link followed inside the app, which does not, gets it added back.
 */
export function KeepRecordTime() {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const inUrl = fromSearch(location.search);
    if (inUrl.knownAt || inUrl.asOf) setRecordTime(inUrl);
    else if (current.knownAt || current.asOf)
      navigate({ pathname: location.pathname, search: withRecordTime(location.search, current), hash: location.hash }, { replace: true });
  }, [location.pathname, location.search, location.hash, navigate]);
  return null;
}

/** Sets the record time and puts it in the URL (in that order: the URL follows the store). */
export function useSetRecordTime(): (next: RecordTime) => void {
  const location = useLocation();
  const navigate = useNavigate();
  return (next) => {
    setRecordTime(next);
    navigate({ pathname: location.pathname, search: withRecordTime(location.search, next), hash: location.hash });
  };
}
