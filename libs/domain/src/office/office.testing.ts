import { CommandContext, Role } from '../shared';

/**
 * Test support (not exported from the barrel): a context over a small office tree,
 * UBND-QNG → { SNV-QNG, UBND-SH → { SH-NV, SH-VP, SH-X-SONHA } }, UBND-BS → { BS-NV }.
 */
export const TEST_TREE: Record<string, string | null> = {
  'UBND-QNG': null,
  'SNV-QNG': 'UBND-QNG',
  'UBND-SH': 'UBND-QNG',
  'SH-NV': 'UBND-SH',
  'SH-VP': 'UBND-SH',
  'SH-X-SONHA': 'UBND-SH',
  'UBND-BS': 'UBND-QNG',
  'BS-NV': 'UBND-BS',
};

export function isWithinTree(tree: Record<string, string | null>) {
  return (office: string, ancestor: string): boolean => {
    let current: string | null | undefined = office;
    const seen = new Set<string>();
    while (current != null && !seen.has(current)) {
      if (current === ancestor) return true;
      seen.add(current);
      current = tree[current];
    }
    return false;
  };
}

export function testContext(role: Role, office = 'UBND-SH', at = '2024-01-15T09:00:00+07:00'): CommandContext {
  const instant = new Date(at);
  return {
    actor: { userId: `u-${role}`, role, office },
    occurredAt: instant,
    recordedAt: instant,
    isWithin: isWithinTree(TEST_TREE),
  };
}
