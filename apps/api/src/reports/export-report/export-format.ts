/** What the exports answer: formats, content types and the attachment's file name (no Nest here: unit-tested). */
/** `format=` of the report routes and the task list (API.md, Exports); absent or json: the JSON answer. */
export const TABLE_FORMATS = ['json', 'xlsx', 'csv'] as const;
export const COMPLETION_FORMATS = ['json', 'xlsx', 'csv', 'docx', 'pdf'] as const;
export type ExportFormat = 'xlsx' | 'csv' | 'docx' | 'pdf';

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** "Báo cáo hoàn thành" → "bao-cao-hoan-thanh": the ASCII fallback for clients without filename*. */
export function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** RFC 8187 value: percent-encoded UTF-8, with the characters encodeURIComponent leaves that attr-char does not allow. */
const rfc8187 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment; filename=<ascii>; filename*=UTF-8''<utf-8>` (RFC 6266). */
export function contentDisposition(base: string, ext: ExportFormat): string {
  return `attachment; filename="${asciiName(base)}.${ext}"; filename*=UTF-8''${rfc8187(`${base}.${ext}`)}`;
}

/** The file name's stem: the report, the scope and the date it is as of, e.g. "Bao cao hoan thanh SH-NV 2024-04-10". */
export const fileBase = (report: string, scope: string | null, asOfDate: string) => [report, scope, asOfDate].filter(Boolean).join(' ');
