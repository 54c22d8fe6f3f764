import { distance } from 'fastest-levenshtein';
import { COLLECTIVES, eachPlaceKind, PLACE_WORDS } from './office-collectives';

/**
 * Offices as plans print them: codes, names ("Sở Tài chính", "Phòng Văn hóa, Thể thao và Du
 * lịch"), usual abbreviations ("UBND", "Sở KH&CN") and collectives ("UBND các xã, phường",
 * "Các sở, ban, ngành"), one or several in a cell. Every match says how it was made.
 */
export type OfficeMatchHow = 'code' | 'name' | 'alias' | 'collective' | 'group' | 'all';

export interface OfficeMatch {
  /** The part of the cell as printed. */
  text: string;
  offices: string[];
  how: OfficeMatchHow;
  /** For a collective: which one ("every commune under the issuer"). */
  note?: string;
}

export interface UnknownOffice {
  text: string;
  /** The closest registered names, best first, as "Name (CODE)". */
  suggestions: string[];
}

export interface OfficeCellReading {
  matches: OfficeMatch[];
  unknown: UnknownOffice[];
}

export interface DirectoryOffice {
  code: string;
  name: string;
  parent: string | null;
  level: string | null;
  status: string;
}

// Abbreviations officials write, on the ASCII key (no diacritics, "&" → " va ", hyphens → spaces).
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\bkh va cn\b|\bkhcn\b/g, 'khoa hoc va cong nghe'],
  [/\bkh va dt\b|\bkhdt\b/g, 'ke hoach va dau tu'],
  [/\btn va mt\b|\btnmt\b/g, 'tai nguyen va moi truong'],
  [/\bgd va dt\b|\bgddt\b/g, 'giao duc va dao tao'],
  [/\bnn va ptnt\b|\bnnptnt\b/g, 'nong nghiep va phat trien nong thon'],
  [/\bnn va mt\b|\bnnmt\b/g, 'nong nghiep va moi truong'],
  [/\btt va tt\b|\btttt\b/g, 'thong tin va truyen thong'],
  [/\bvh ?tt va dl\b|\bvhttdl\b/g, 'van hoa the thao va du lich'],
  [/\bvh va tt\b|\bvhtt\b/g, 'van hoa va thong tin'],
  [/\bld ?tb va xh\b|\bldtbxh\b/g, 'lao dong thuong binh va xa hoi'],
  [/\bgtvt\b/g, 'giao thong van tai'],
  [/\bkt va ht\b|\bktht\b/g, 'kinh te va ha tang'],
  [/\btc ?kh\b|\btc va kh\b/g, 'tai chinh ke hoach'],
  [/\bvp\b/g, 'van phong'],
  [/\btp\b/g, 'thanh pho'],
  [/\btx\b/g, 'thi xa'],
  [/\btt\b/g, 'thi tran'],
  [/\bcchc\b/g, 'cai cach hanh chinh'],
  [/\btw\b/g, 'trung uong'],
];

/** The key a name is matched on: case, diacritics, punctuation and spacing left out. */
export function officeKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/&/g, ' va ')
    .replace(/[-–—]/g, ' ')
    .replace(/[.,;:()"'“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The key with the usual abbreviations written out ("ubnd" → "uy ban nhan dan"). */
function expanded(key: string): string {
  let k = ` ${key} `;
  // "Sở KH&CN" keys as "so kh va cn": expand before the hyphens and spaces are folded away.
  for (const [re, full] of ABBREVIATIONS) k = k.replace(re, full);
  return k.replace(/\s+/g, ' ').trim();
}

// A name printed without its place ("Phòng Nội vụ" for "Phòng Nội vụ huyện Sơn Hà").
const PLACE = /^(.*?)\s+(huyen|tinh|thanh pho|thi xa|quan|xa|phuong|thi tran)\s+[a-z0-9 ]+$/;

// Offices named by their function, whose place only qualifies them.
const OFFICE_WITHOUT_PLACE = /^(?:phong|so|van phong|ban|trung tam|chi cuc|thanh tra|cong an|doi|hoi|ban quan ly)\b/;

const SEPARATOR = /(\s*[,;\n]\s*|\s+(?:và|va|VÀ)\s+|\s+\+\s+|\s*\/\s*)/;

/** The registered offices, the plan's issuer and the file's groups, searchable by what plans print. */
export class OfficeDirectory {
  private readonly byCode = new Map<string, DirectoryOffice>();
  private readonly byName = new Map<string, string[]>();
  private readonly byAlias = new Map<string, string[]>();
  // Plans repeat the same cells ("Các phòng chuyên môn") over thousands of rows.
  private readonly cells = new Map<string, OfficeCellReading>();
  private readonly levels = new Map<string, string[]>();

  constructor(
    private readonly offices: DirectoryOffice[],
    private readonly issuer: string | null,
    private readonly groups: Map<string, string[]> = new Map(),
  ) {
    for (const o of offices) {
      this.byCode.set(o.code, o);
      const key = officeKey(o.name);
      add(this.byName, key, o.code);
      const full = expanded(key);
      const aliases = new Set([full]);
      const place = PLACE.exec(full);
      if (place) aliases.add(`${place[1]} ${place[2]}`).add(place[1]);
      // "Phòng Nội vụ huyện": the place word with no place is the same office as "Phòng Nội vụ".
      const bareWord = /^(.*?)\s+(?:huyen|tinh|thanh pho|thi xa|quan|xa|phuong|thi tran)$/.exec(full);
      if (bareWord && OFFICE_WITHOUT_PLACE.test(bareWord[1])) aliases.add(bareWord[1]);
      for (const a of aliases) if (a !== key) add(this.byAlias, a, o.code);
    }
  }

  /** One cell: the whole text first, then split on separators only where every piece is known. */
  readCell(cell: string, field: 'lead' | 'supporting' | 'followUp'): OfficeCellReading {
    const key = `${field}\u0000${cell}`;
    const known = this.cells.get(key);
    if (known) return known;
    const reading = this.read(cell, field);
    this.cells.set(key, reading);
    return reading;
  }

  private read(cell: string, field: 'lead' | 'supporting' | 'followUp'): OfficeCellReading {
    const text = cell
      .normalize('NFC')
      .replace(/^[\s\-–•+]+/, '')
      .trim();
    if (text === '') return { matches: [], unknown: [] };
    const pieces = text.split(SEPARATOR);
    // pieces: [name, sep, name, sep, …]; choose groups of consecutive names, fewest unknown, then fewest groups.
    const names = pieces.filter((_, i) => i % 2 === 0);
    const join = (a: number, b: number) => pieces.slice(a * 2, b * 2 - 1).join('');
    type Best = { unknown: number; groups: number; parts: { text: string; match: OfficeMatch | null }[] };
    const best: (Best | null)[] = [{ unknown: 0, groups: 0, parts: [] }];
    for (let end = 1; end <= names.length; end++) {
      best[end] = null;
      for (let start = Math.max(0, end - 8); start < end; start++) {
        const prev = best[start];
        if (!prev) continue;
        const part = join(start, end).trim();
        if (part === '') continue;
        const match = this.match(part, field);
        if (!match && end - start > 1) continue; // an unknown is one piece, never a joined run
        const candidate = {
          unknown: prev.unknown + (match ? 0 : 1),
          groups: prev.groups + 1,
          parts: [...prev.parts, { text: part, match }],
        };
        const current = best[end];
        if (!current || candidate.unknown < current.unknown || (candidate.unknown === current.unknown && candidate.groups < current.groups))
          best[end] = candidate;
      }
    }
    const chosen = best[names.length]!;
    // Nothing known at all: the cell is one unknown name (it may contain commas), with suggestions.
    if (chosen.parts.every((p) => !p.match)) return { matches: [], unknown: [{ text, suggestions: this.suggest(text) }] };
    return {
      matches: chosen.parts.filter((p) => p.match).map((p) => p.match!),
      unknown: chosen.parts.filter((p) => !p.match).map((p) => ({ text: p.text, suggestions: this.suggest(p.text) })),
    };
  }

  /** One printed name: a code, a group, `*`, a registered name, an alias, or a collective. */
  match(text: string, field: 'lead' | 'supporting' | 'followUp' = 'supporting'): OfficeMatch | null {
    const t = text.trim();
    if (t === '*')
      return field === 'supporting' ? { text: t, offices: this.under([]), how: 'all', note: 'every office under the issuer' } : null;
    if (this.byCode.has(t)) return { text: t, offices: [t], how: 'code' };
    const group = this.groups.get(t);
    if (group) return { text: t, offices: group, how: 'group' };
    // "Chủ tịch UBND các xã", "Thủ trưởng các cơ quan, đơn vị", "Giám đốc Sở Tài chính": the office of the head named.
    const key = officeKey(t).replace(/^(?:thu truong|chu tich|giam doc|truong phong|chanh van phong|nguoi dung dau)\s+(?=\S)/, '');
    const named = this.pick(this.byName.get(key));
    if (named) return { text: t, offices: [named], how: 'name' };
    const full = expanded(key);
    const alias = this.pick([...(this.byName.get(full) ?? []), ...(this.byAlias.get(full) ?? [])]);
    if (alias) return { text: t, offices: [alias], how: 'alias' };
    // "Phòng Nội vụ huyện Sơn Hà" printed for a "Phòng Nội vụ" registered without its place; never
    // for a people's committee, whose place is its identity ("UBND xã Sơn Hạ").
    const place = PLACE.exec(full);
    if (place && OFFICE_WITHOUT_PLACE.test(place[1])) {
      const keys = [`${place[1]} ${place[2]}`, place[1]];
      const bare = this.pick(keys.flatMap((k) => [...(this.byName.get(k) ?? []), ...(this.byAlias.get(k) ?? [])]));
      if (bare) return { text: t, offices: [bare], how: 'alias' };
    }
    const collective = COLLECTIVES.find((c) => c.re.test(full));
    if (collective && !(collective.supportingOnly && field !== 'supporting')) {
      return { text: t, offices: this.under(collective.levels, collective.named), how: 'collective', note: collective.note };
    }
    // "Sở Tư pháp các tỉnh, thành phố": the office of that name in each of those places.
    const each = eachPlaceKind(full);
    if (each && OFFICE_WITHOUT_PLACE.test(each.kind)) {
      const offices = this.under([]).filter((code) => {
        const place = PLACE.exec(expanded(officeKey(this.byCode.get(code)!.name)));
        return place !== null && place[1] === each.kind && (PLACE_WORDS[each.place] as readonly string[]).includes(place[2]);
      });
      if (offices.length > 0)
        return { text: t, offices, how: 'collective', note: `the ${each.kind} of every ${each.place} under the issuer` };
    }
    return null;
  }

  /**
   * The one office of this name within the issuer's subtree (the issuer itself included); none when
   * there are several, or only outside: a Sơn Hà plan's "Phòng Tư pháp" is never Ba Tơ's. With no
   * issuer known, the one office of this name anywhere.
   */
  private pick(codes: string[] | undefined): string | null {
    const unique = [...new Set(codes ?? [])].filter(
      (c) => this.byCode.get(c)?.status === 'active' || this.byCode.get(c)?.status === undefined,
    );
    const inside = this.issuer ? unique.filter((c) => this.inScope(c)) : unique;
    return inside.length === 1 ? inside[0] : null;
  }

  /** The issuer or an office under it (every office when no issuer is known). */
  private inScope(code: string): boolean {
    return !this.issuer || code === this.issuer || this.isWithin(code, this.issuer);
  }

  /** Active offices under the issuer of these levels (all levels when none is given). */
  private under(levels: string[], named?: RegExp): string[] {
    if (!this.issuer) return [];
    const key = `${levels.join(',')}/${named?.source ?? ''}`;
    const known = this.levels.get(key);
    if (known) return known;
    const codes = this.offices
      .filter((o) => o.code !== this.issuer && o.status === 'active' && this.isWithin(o.code, this.issuer!))
      .filter((o) => levels.length === 0 || (o.level !== null && levels.includes(o.level)))
      .filter((o) => !named || named.test(expanded(officeKey(o.name))))
      .map((o) => o.code);
    this.levels.set(key, codes);
    return codes;
  }

  private isWithin(code: string, ancestor: string): boolean {
    for (let c: string | null = code, hops = 0; c !== null && hops < 64; c = this.byCode.get(c)?.parent ?? null, hops++)
      if (c === ancestor) return true;
    return false;
  }

  /**
   * The three registered names within the issuer's subtree closest to the text: most of its words first (a name printed short
   * or long), then the edit distance of the written-out keys (a typo).
   */
  private suggest(text: string): string[] {
    const key = expanded(officeKey(text));
    const words = new Set(key.split(' '));
    const score = (name: string) => {
      const other = expanded(officeKey(name));
      const shared = other.split(' ').filter((w) => words.has(w)).length;
      return 1 - shared / words.size + (0.3 * distance(key, other)) / Math.max(key.length, other.length, 1);
    };
    return this.offices
      .filter((o) => o.status === 'active' && this.inScope(o.code))
      .map((o) => ({ o, d: score(o.name) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map(({ o }) => `${o.name} (${o.code})`);
  }
}

function add(map: Map<string, string[]>, key: string, code: string): void {
  const list = map.get(key);
  if (list) list.push(code);
  else map.set(key, [code]);
}
