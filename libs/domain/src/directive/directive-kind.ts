import { invalid } from '../shared';

/** The kinds of văn bản chỉ đạo, stored as written in Vietnamese (NFC). */
export const DIRECTIVE_KINDS = [
  'Quyết định',
  'Kế hoạch',
  'Công văn',
  'Chỉ thị',
  'Nghị quyết',
  'Chương trình',
  'Thông báo',
  'Kết luận',
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

/** Accepts any case and Unicode form ("quyết định", decomposed input) and returns the canonical kind. */
export function parseDirectiveKind(value: unknown, field = 'kind'): DirectiveKind {
  const key = typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi') : null;
  const kind = DIRECTIVE_KINDS.find((k) => k.toLocaleLowerCase('vi') === key);
  if (!kind) throw invalid('INVALID_KIND', `kind must be one of ${DIRECTIVE_KINDS.join(', ')}`, field);
  return kind;
}
