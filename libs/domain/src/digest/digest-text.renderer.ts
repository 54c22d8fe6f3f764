import { DigestContent, DigestSection, RollupRow } from './digest-content';
import { taskLink } from './digest-html.renderer';
import { formatCount, formatDate, formatLocalTime, formatPercent } from './digest-format';
import { dueSoonLabel, LABELS, REMEDIATION_HEADING, rollupSummary, statusOf, summaryLine, titleOf, weekRange } from './digest-labels';

const FLAG_MARK = { '1': ' (!!)', '3': ' (!)' } as const;

/** The plain-text part: the same content as the HTML, readable in any client and in a terminal. */
export function renderDigestText(c: DigestContent): string {
  const out: string[] = [
    `${LABELS.heading.toUpperCase()} – ${weekRange(c).toUpperCase()}`,
    `${LABELS.to}: ${c.office.name} (${c.office.code})`,
    `${LABELS.asOf} ${formatLocalTime(new Date(c.asOf))}.`,
    '',
    `${LABELS.summary.toUpperCase()}: ${summaryLine(c)}`,
  ];
  const below = rollupSummary(c);
  if (below) out.push(below);
  const sections: [string, DigestSection][] = [
    [LABELS.overdue, c.overdue],
    [LABELS.dueThisWeek, c.dueThisWeek],
    [dueSoonLabel(c.dueSoonDays), c.dueSoon],
  ];
  sections.forEach(([title, s], i) =>
    out.push('', ...sectionText(`${['I', 'II', 'III'][i]}. ${title.toUpperCase()} (${formatCount(s.total)})`, s, taskLink(c))),
  );
  if (c.rollup) out.push('', ...rollupText(c.rollup.rows, c.rollup.total));
  if (c.remediation) {
    out.push('', `V. ${REMEDIATION_HEADING.toUpperCase()} (${formatCount(c.remediation.total)})`);
    c.remediation.rows.forEach((r, i) =>
      out.push(`${i + 1}. ${r.name} (${r.office}): quá hạn ${formatCount(r.overdue)}; thời hạn sớm nhất ${formatDate(r.oldestDueOn)}`),
    );
  }
  out.push('', '--', '(!!) còn không quá 1 ngày; (!) còn không quá 3 ngày.', LABELS.footer, '');
  return out.join('\n');
}

function sectionText(heading: string, s: DigestSection, link: ReturnType<typeof taskLink>): string[] {
  if (s.total === 0) return [heading, `   ${LABELS.none}`];
  const lines = [heading];
  s.lines.forEach((l, i) => {
    lines.push(`${i + 1}. ${titleOf(l)}`);
    lines.push(`   ${LABELS.plan}: ${l.planTitle ?? '—'} · ${LABELS.directive}: ${l.directiveNumber ?? '—'}`);
    lines.push(
      `   ${LABELS.deadline}: ${formatDate(l.dueOn)} · ${statusOf(l)}${l.flag ? FLAG_MARK[l.flag] : ''} · ${LABELS.criterion}: ${l.criterion ?? '—'}`,
    );
    const href = link(l);
    if (href) lines.push(`   ${href}`);
  });
  if (s.hidden > 0) lines.push(`   … và ${formatCount(s.hidden)} nhiệm vụ khác.`);
  return lines;
}

function rollupText(rows: RollupRow[], total: RollupRow): string[] {
  const line = (r: RollupRow, prefix: string) =>
    `${prefix}${r.name}${r.office ? ` (${r.office})` : ''}: quá hạn ${formatCount(r.overdue)}; đến hạn trong tuần ${formatCount(r.dueThisWeek)}; ` +
    `sắp đến hạn ${formatCount(r.dueSoon)}; đúng hạn ${formatCount(r.doneOnTime)}/${formatCount(r.due)} (${formatPercent(r.onTimePercent)})`;
  return [
    `IV. ${LABELS.rollup.toUpperCase()}`,
    `   ${LABELS.rollupNote}`,
    ...rows.map((r, i) => line(r, `${i + 1}. `)),
    line(total, '   '),
  ];
}
