/**
 * Collectives plans print instead of a list ("UBND các xã, phường", "Các sở, ban, ngành"): which
 * offices under the plan's issuer they stand for. Matched on the written-out ASCII key
 * (office-names.ts: "ubnd" → "uy ban nhan dan", "tw" → "trung uong").
 */
export interface Collective {
  re: RegExp;
  levels: string[];
  /** Only offices whose (written-out) name this matches: "phòng chuyên môn" are the Phòng and the Văn phòng. */
  named?: RegExp;
  note: string;
  /** Only as supporting offices: "relevant bodies" is no list of leads. */
  supportingOnly?: boolean;
}

// A commune, district or province has a people's committee and a people's council at the same level:
// "UBND cấp xã" is the committees only, "HĐND cấp xã" the councils only.
const COMMITTEE = /^(?!hoi dong nhan dan\b)/;
const COUNCIL = /^hoi dong nhan dan\b/;

export const COLLECTIVES: Collective[] = [
  {
    re: /^(?:cac )?so ban nganh(?: tinh| lien quan| co lien quan)?$|^(?:cac )?so nganh(?: lien quan)?$|^cac so$|^cac co quan chuyen mon thuoc uy ban nhan dan tinh$/,
    levels: ['department'],
    note: 'every department under the issuer',
  },
  {
    re: /^(?:uy ban nhan dan )?(?:cac )?xa phuong(?: thi tran)?$|^(?:uy ban nhan dan )?(?:cac )?xa thi tran$|^(?:uy ban nhan dan )?cac (?:xa|phuong)$|^uy ban nhan dan cap xa$/,
    levels: ['commune'],
    named: COMMITTEE,
    note: 'every commune under the issuer',
  },
  {
    re: /^hoi dong nhan dan (?:cap xa|cac xa(?: phuong)?(?: thi tran)?|cac phuong)$/,
    levels: ['commune'],
    named: COUNCIL,
    note: "the people's council of every commune under the issuer",
  },
  {
    // A plan of the Government: its ministries and agencies.
    re: /^(?:cac )?bo,? nganh(?: trung uong| lien quan| co lien quan)?$|^cac bo,? co quan ngang bo(?:,? co quan thuoc chinh phu)?$|^cac bo$/,
    levels: ['department'],
    note: 'every ministry or department under the issuer',
  },
  {
    re: /^uy ban nhan dan (?:cap tinh|cac tinh(?: thanh pho)?(?: truc thuoc trung uong)?)$|^cac tinh,? thanh pho(?: truc thuoc trung uong)?$/,
    levels: ['province'],
    named: COMMITTEE,
    note: 'every province under the issuer',
  },
  {
    re: /^(?:uy ban nhan dan )?(?:cac )?huyen (?:thi xa )?thanh pho$|^(?:uy ban nhan dan )?cac huyen(?: thi xa)?$|^uy ban nhan dan cap huyen$/,
    levels: ['district'],
    named: COMMITTEE,
    note: 'every district under the issuer',
  },
  {
    re: /^hoi dong nhan dan (?:cap huyen|cac huyen(?: thi xa)?(?: thanh pho)?)$/,
    levels: ['district'],
    named: COUNCIL,
    note: "the people's council of every district under the issuer",
  },
  {
    // A ministry's plan: its own departments, offices and agencies ("các đơn vị thuộc Bộ").
    re: /^(?:cac )?(?:don vi|co quan) (?:truc )?thuoc bo$/,
    levels: ['office'],
    note: 'every unit of the ministry under the issuer',
  },
  {
    // "Thủ trưởng các cơ quan, đơn vị" in a district plan: its specialised offices, as "các phòng chuyên môn".
    re: /^(?:cac )?phong(?: ban)? chuyen mon(?: huyen| thuoc uy ban nhan dan (?:huyen|xa))?$|^(?:cac )?co quan chuyen mon thuoc uy ban nhan dan (?:huyen|xa)$|^cac co quan chuyen mon(?: huyen)?$|^cac phong ban$|^cac co quan don vi$/,
    levels: ['office', 'department'],
    named: /^(?:phong|van phong)\b/,
    note: 'every specialised office (Phòng, Văn phòng) under the issuer',
  },
  {
    re: /^(?:cac )?co quan (?:to chuc )?don vi (?:co )?lien quan$|^(?:cac )?(?:co quan|don vi|dia phuong) (?:co )?lien quan$|^(?:cac )?co quan don vi dia phuong(?: co)?(?: lien quan)?$|^(?:cac )?phong ban don vi dia phuong(?: co)?(?: lien quan)?$|^(?:tat ca )?(?:cac )?bo nganh dia phuong(?: co)?(?: lien quan)?(?: trong ca nuoc)?$/,
    levels: [],
    note: 'every office under the issuer',
    supportingOnly: true,
  },
];

/** The place words of a registered name ("Sở Tư pháp tỉnh Phú Thọ": "tinh") each collective covers. */
export const PLACE_WORDS = {
  province: ['tinh', 'thanh pho'],
  district: ['huyen', 'thi xa', 'thanh pho', 'quan'],
  commune: ['xa', 'phuong', 'thi tran'],
} as const;

/**
 * "Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương", "Phòng Tư pháp các huyện, thị xã", "Công
 * an các xã, phường": an office kind (the words before "các") in every place of a level.
 */
export function eachPlaceKind(full: string): { kind: string; place: keyof typeof PLACE_WORDS } | null {
  const m =
    /^(.+?) cac (tinh|huyen|quan|xa|phuong)(?: (?:thanh pho|thi xa|thi tran|xa|phuong|quan))*(?: truc thuoc (?:trung uong|tinh))?$/.exec(
      full,
    );
  if (!m) return null;
  const place = m[2] === 'tinh' ? 'province' : m[2] === 'huyen' || m[2] === 'quan' ? 'district' : 'commune';
  return { kind: m[1], place };
}
