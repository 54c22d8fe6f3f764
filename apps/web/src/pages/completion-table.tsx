import { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { formatPercent } from '../format';

export type Group = Schemas['CompletionGroupDto'];

interface Column {
  title: string;
  cell: (g: Group) => ReactNode;
}

/**
 * The overview's status grid: a plain table (as the work page's), not antd's Table — 60 KB gzip of
 * script and the longest render of the page for twelve columns without sorting or paging. The first
 * column stays in view when the table scrolls sideways (index.html's .completion-table).
 */
export function CompletionTable({ groups, byOffice, name }: { groups: Group[]; byOffice: boolean; name: (g: Group) => string }) {
  // The numbers of an office open its list of tasks in that state; read aloud as "3 nhiệm vụ quá hạn — Phòng Nội vụ".
  const count =
    (field: 'doneOnTime' | 'doneLate' | 'inProgress' | 'overdue' | 'awaitingAcceptance' | 'noDeadline', status: string, state: string) =>
    (g: Group) =>
      byOffice && g.key ? (
        <Link to={`/?office=${encodeURIComponent(g.key)}&status=${status}`} aria-label={`${g[field]} nhiệm vụ ${state} — ${name(g)}`}>
          {g[field]}
        </Link>
      ) : (
        g[field]
      );
  const columns: Column[] = [
    { title: byOffice ? 'Đơn vị' : 'Nhóm', cell: name },
    { title: 'Được giao', cell: (g) => g.assigned },
    { title: 'Đúng hạn', cell: count('doneOnTime', 'DONE_ON_TIME', 'hoàn thành đúng hạn') },
    { title: 'Quá hạn đã xong', cell: count('doneLate', 'DONE_LATE', 'hoàn thành quá hạn') },
    { title: 'Đang thực hiện', cell: count('inProgress', 'IN_PROGRESS', 'đang thực hiện') },
    { title: 'Quá hạn', cell: count('overdue', 'OVERDUE', 'quá hạn') },
    { title: 'Chờ xác nhận', cell: count('awaitingAcceptance', 'AWAITING_ACCEPTANCE', 'chờ xác nhận') },
    { title: 'Chưa có thời hạn', cell: count('noDeadline', 'NO_DEADLINE', 'chưa có thời hạn') },
    { title: 'Đã hủy', cell: (g) => g.cancelled },
    { title: 'Tỷ lệ hoàn thành', cell: (g) => formatPercent(g.completionRate.percent) },
    { title: 'Tỷ lệ đúng hạn', cell: (g) => formatPercent(g.onTimeRate.percent) },
    { title: 'Tỷ lệ quá hạn', cell: (g) => formatPercent(g.overdueRate.percent) },
  ];
  return (
    <div className="table-scroll">
      <table className="task-table completion-table">
        <caption>Tình hình thực hiện nhiệm vụ</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={c.title} scope="col" style={i === 0 ? { width: 220 } : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="task-table-empty">
                Không có dữ liệu
              </td>
            </tr>
          )}
          {groups.map((g) => (
            <tr key={g.key ?? '—'}>
              {columns.map((c) => (
                <td key={c.title}>{c.cell(g)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
