import type { LocalDate } from '../shared';

/**
 * Directive dates as other documents known to the product cite them. A file that dates one of
 * these differently is imported as written, with a warning: the sources disagree, and a person
 * should check the original. Keyed by issuer and number; extend as more are confirmed.
 */
export interface CitedDirective {
  issuer: string;
  number: string;
  issuedOn: LocalDate;
  source: string;
}

export const CITED_DIRECTIVES: readonly CitedDirective[] = [
  {
    issuer: 'UBND-QNG',
    number: '57/QĐ-UBND',
    issuedOn: '2024-01-09',
    source: 'seed 000 (Bình Sơn, báo cáo PAR INDEX 2023): "Quyết định số 57/QĐ-UBND ngày 09/01/2024 của UBND tỉnh Quảng Ngãi"',
  },
  {
    issuer: 'UBND-QNG',
    number: '1879/QĐ-UBND',
    issuedOn: '2023-12-15',
    source: 'seed 000 (Bình Sơn, báo cáo PAR INDEX 2023): "Quyết định số 1879/QĐ-UBND ngày 15/12/2023 của Chủ tịch UBND tỉnh"',
  },
];
