import { DigestContent, DigestLine, DigestSection, RollupRow } from './digest-content';
import { formatCount, formatDate, formatLocalTime, formatPercent } from './digest-format';
import {
  dueSoonLabel,
  LABELS,
  REMEDIATION_HEADING,
  rollupSummary,
  statusOf,
  subjectOf,
  summaryLine,
  titleOf,
  weekRange,
} from './digest-labels';

/**
 * The HTML part, written for mail clients rather than browsers: layout by tables, every style
 * inline (Gmail and Outlook drop <style> blocks or parts of them), no images, no scripts, system
 * fonts, 720 px wide at most. Every text from the records is escaped.
 */
export function renderDigestHtml(c: DigestContent): string {
  const below = rollupSummary(c);
  const sections: [string, DigestSection, string][] = [
    [LABELS.overdue, c.overdue, RED],
    [LABELS.dueThisWeek, c.dueThisWeek, ORANGE],
    [dueSoonLabel(c.dueSoonDays), c.dueSoon, AMBER],
  ];
  const link = taskLink(c);
  return [
    '<!DOCTYPE html>',
    '<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(subjectOf(c))}</title></head>`,
    `<body style="margin:0;padding:0;background:#f3f4f6;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:20px 8px;">`,
    `<table role="presentation" width="720" cellpadding="0" cellspacing="0" border="0" style="width:720px;max-width:100%;background:#ffffff;border:1px solid #d1d5db;${FONT}">`,
    `<tr><td style="background:#9f1239;padding:16px 24px;color:#ffffff;${FONT}">`,
    `<div style="font-size:12px;letter-spacing:1px;text-transform:uppercase;color:#fecdd3;">${esc(LABELS.heading)}</div>`,
    `<div style="font-size:20px;font-weight:bold;margin-top:4px;">${esc(weekRange(c))}</div></td></tr>`,
    `<tr><td style="padding:16px 24px 8px 24px;font-size:14px;line-height:1.5;${FONT}">`,
    `${esc(LABELS.to)}: <b>${esc(c.office.name)}</b> <span style="color:#6b7280;">(${esc(c.office.code)})</span><br>`,
    `<span style="color:#6b7280;">${esc(LABELS.asOf)} ${esc(formatLocalTime(new Date(c.asOf)))}.</span></td></tr>`,
    `<tr><td style="padding:8px 24px;">${summaryBoxes(c)}</td></tr>`,
    `<tr><td style="padding:4px 24px 8px 24px;font-size:14px;${FONT}"><b>${esc(LABELS.summary)}:</b> ${esc(summaryLine(c))}${below ? `<br>${esc(below)}` : ''}</td></tr>`,
    ...sections.map(
      ([title, s, color], i) =>
        `<tr><td style="padding:12px 24px 4px 24px;">${sectionHtml(`${['I', 'II', 'III'][i]}. ${title}`, s, color, link)}</td></tr>`,
    ),
    c.rollup ? `<tr><td style="padding:12px 24px 4px 24px;">${rollupHtml(c.rollup.rows, c.rollup.total)}</td></tr>` : '',
    c.remediation ? `<tr><td style="padding:12px 24px 4px 24px;">${remediationHtml(c.remediation)}</td></tr>` : '',
    `<tr><td style="padding:16px 24px 20px 24px;font-size:12px;line-height:1.5;color:#6b7280;border-top:1px solid #e5e7eb;${FONT}">`,
    `<span style="color:${RED};font-weight:bold;">●</span> còn không quá 1 ngày &nbsp; <span style="color:${ORANGE};font-weight:bold;">●</span> còn không quá 3 ngày<br>${esc(LABELS.footer)}</td></tr>`,
    '</table></td></tr></table></body></html>',
    '',
  ].join('\n');
}

const FONT = 'font-family:Arial,sans-serif;';
const RED = '#b91c1c';
const ORANGE = '#c2410c';
const AMBER = '#a16207';
// Repeated in every cell (Outlook does not inherit fonts into tables), so kept short; rows are valign="top".
const CELL = `padding:6px 8px;border-bottom:1px solid #e5e7eb;font-size:13px;${FONT}`;
const HEAD = `padding:6px 8px;background:#f9fafb;border-bottom:2px solid #d1d5db;text-align:left;font-size:12px;color:#374151;white-space:nowrap;${FONT}`;

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function summaryBoxes(c: DigestContent): string {
  const box = (n: number, label: string, color: string) =>
    `<td width="33%" style="padding:10px;border:1px solid #e5e7eb;background:#fafafa;text-align:center;${FONT}">` +
    `<div style="font-size:26px;font-weight:bold;color:${n > 0 ? color : '#374151'};">${formatCount(n)}</div>` +
    `<div style="font-size:12px;color:#4b5563;">${esc(label)}</div></td>`;
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>` +
    box(c.counts.overdue, 'quá hạn', RED) +
    box(c.counts.dueThisWeek, 'đến hạn trong tuần', ORANGE) +
    box(c.counts.dueSoon, `sắp đến hạn (${c.dueSoonDays} ngày)`, AMBER) +
    `</tr></table>`
  );
}

function statusCell(l: DigestLine): string {
  const color = l.daysOverdue > 0 || l.flag === '1' ? RED : l.flag === '3' ? ORANGE : '#374151';
  const bold = l.daysOverdue > 0 || l.flag !== null ? 'font-weight:bold;' : '';
  const mark = l.flag ? ' ●' : '';
  return `<td style="${CELL}color:${color};${bold}white-space:nowrap;">${esc(statusOf(l))}${mark}</td>`;
}

/** The task's page in the web app (the digest's "open it" link), or none without PUBLIC_URL. */
export function taskLink(c: DigestContent): (l: DigestLine) => string | null {
  return (l) => (c.publicUrl ? `${c.publicUrl}/tasks/${encodeURIComponent(l.taskId)}` : null);
}

function sectionHtml(title: string, s: DigestSection, color: string, link: (l: DigestLine) => string | null): string {
  const heading = `<div style="font-size:15px;font-weight:bold;color:${color};margin:0 0 6px 0;${FONT}">${esc(title)} (${formatCount(s.total)})</div>`;
  if (s.total === 0) return `${heading}<div style="font-size:13px;color:#6b7280;${FONT}">${esc(LABELS.none)}</div>`;
  const rows = s.lines.map(
    (l, i) =>
      `<tr valign="top"><td style="${CELL}color:#6b7280;">${i + 1}</td>` +
      `<td style="${CELL}"><div style="font-weight:bold;">${titleHtml(l, link(l))}</div>` +
      `<div style="color:#6b7280;font-size:12px;">${esc(LABELS.plan)}: ${esc(l.planTitle ?? '—')} · ${esc(LABELS.directive)}: ${esc(l.directiveNumber ?? '—')}</div></td>` +
      `<td style="${CELL}white-space:nowrap;">${formatDate(l.dueOn)}</td>${statusCell(l)}` +
      `<td style="${CELL}white-space:nowrap;">${esc(l.criterion ?? '—')}</td></tr>`,
  );
  const more =
    s.hidden > 0
      ? `<div style="font-size:12px;color:#6b7280;padding:4px 8px;${FONT}">… và ${formatCount(s.hidden)} nhiệm vụ khác.</div>`
      : '';
  return (
    heading +
    `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">` +
    `<tr><th style="${HEAD}">#</th><th style="${HEAD}">${esc(LABELS.task)}</th><th style="${HEAD}">${esc(LABELS.deadline)}</th>` +
    `<th style="${HEAD}">${esc(LABELS.status)}</th><th style="${HEAD}">${esc(LABELS.criterion)}</th></tr>` +
    rows.join('') +
    `</table>${more}`
  );
}

function titleHtml(l: DigestLine, href: string | null): string {
  return href ? `<a href="${esc(href)}" style="color:#1d4ed8;text-decoration:underline;">${esc(titleOf(l))}</a>` : esc(titleOf(l));
}

function rollupHtml(rows: RollupRow[], total: RollupRow): string {
  const num = (n: number, color?: string) =>
    `<td style="${CELL}text-align:right;${color && n > 0 ? `color:${color};font-weight:bold;` : ''}">${formatCount(n)}</td>`;
  const row = (r: RollupRow, strong: boolean) =>
    `<tr valign="top"${strong ? ' style="background:#f9fafb;"' : ''}><td style="${CELL}${strong ? 'font-weight:bold;' : ''}">${esc(r.name)}</td>` +
    num(r.overdue, RED) +
    num(r.dueThisWeek, ORANGE) +
    num(r.dueSoon, AMBER) +
    `<td style="${CELL}text-align:right;">${formatCount(r.doneOnTime)}/${formatCount(r.due)}</td>` +
    `<td style="${CELL}text-align:right;white-space:nowrap;${strong ? 'font-weight:bold;' : ''}">${formatPercent(r.onTimePercent)}</td></tr>`;
  const th = (t: string, right = true) => `<th style="${HEAD}${right ? 'text-align:right;' : ''}">${esc(t)}</th>`;
  return (
    `<div style="font-size:15px;font-weight:bold;color:#1f2937;margin:0 0 2px 0;${FONT}">IV. ${esc(LABELS.rollup)}</div>` +
    `<div style="font-size:12px;color:#6b7280;margin:0 0 6px 0;${FONT}">${esc(LABELS.rollupNote)}</div>` +
    `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>` +
    th(LABELS.office, false) +
    th('Quá hạn') +
    th('Đến hạn trong tuần') +
    th('Sắp đến hạn') +
    th(LABELS.onTime) +
    th(LABELS.onTimeRate) +
    `</tr>${rows.map((r) => row(r, false)).join('')}${row(total, true)}</table>`
  );
}

function remediationHtml(r: NonNullable<DigestContent['remediation']>): string {
  const th = (t: string, right = true) => `<th style="${HEAD}${right ? 'text-align:right;' : ''}">${esc(t)}</th>`;
  const rows = r.rows
    .map(
      (x) =>
        `<tr valign="top"><td style="${CELL}">${esc(x.name)}</td><td style="${CELL}text-align:right;color:${RED};font-weight:bold;">${formatCount(x.overdue)}</td>` +
        `<td style="${CELL}text-align:right;white-space:nowrap;">${formatDate(x.oldestDueOn)}</td></tr>`,
    )
    .join('');
  return (
    `<div style="font-size:15px;font-weight:bold;color:#1f2937;margin:0 0 6px 0;${FONT}">V. ${esc(REMEDIATION_HEADING)} (${formatCount(r.total)})</div>` +
    `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>` +
    th(LABELS.office, false) +
    th('Quá hạn') +
    th('Thời hạn sớm nhất') +
    `</tr>${rows}</table>`
  );
}
