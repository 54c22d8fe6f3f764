import { useQuery } from '@tanstack/react-query';
import { api, OfficeNode } from './client';
import { unwrap } from './problem';

export interface Offices {
  /** The office's printed name, or its code when it lies outside the reader's tree. */
  name(code: string | null | undefined): string;
  /** The offices under `code` (itself excluded), as far as the reader can see. */
  below(code: string): OfficeNode[];
  roots: OfficeNode[];
}

/** The office tree within the reader's scope, to show names rather than codes. */
export function useOffices() {
  return useQuery({
    queryKey: ['offices'],
    staleTime: 5 * 60_000,
    queryFn: fetchOffices,
  });
}

/** `useOffices`' question, also asked by the sign-in page as soon as the session exists. */
export async function fetchOffices(): Promise<Offices> {
  const { items } = await unwrap(api.GET('/v1/offices'));
  const byCode = new Map<string, OfficeNode>();
  const walk = (n: OfficeNode) => {
    byCode.set(n.code, n);
    n.children.forEach(walk);
  };
  items.forEach(walk);
  const below = (code: string): OfficeNode[] => {
    const node = byCode.get(code);
    if (!node) return [];
    return node.children.flatMap((c) => [c, ...below(c.code)]);
  };
  return { name: (code) => (code ? (byCode.get(code)?.name ?? code) : ''), below, roots: items };
}

/** The reader's tree, with the names an answer brought for offices outside it (a task's follow-up office, an actor's office). */
export function withNames(offices: Offices, names: Record<string, string> | undefined): Offices {
  if (!names) return offices;
  const name = (code: string | null | undefined) => {
    const known = offices.name(code);
    return code && known === code ? (names[code] ?? code) : known;
  };
  return { ...offices, name };
}
