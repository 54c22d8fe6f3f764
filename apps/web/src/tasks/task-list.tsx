import { Button, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TaskListItem } from '../api/client';
import { formatDate, STATUS_LABELS, statusLabel } from '../format';
import { daysLeftLabel } from './urgency';

const PAGE = 50;

interface Props {
  rows: TaskListItem[];
  caption: string;
  /** A wide screen gets the table; a phone gets cards. */
  wide: boolean;
  loading: boolean;
  planTitle: (id: string) => string;
  today: string;
}

/**
 * The work page's list, most urgent first: a plain HTML table (caption, column headers) on a wide
 * screen and cards on a phone. Plain markup, not antd's Table (60 KB of script with its tree, menu
 * and checkbox), so that the office's first page stays within its budget.
 */
export function TaskList({ rows, caption, wide, loading, planTitle, today }: Props) {
  const [shown, setShown] = useState(PAGE);
  const visible = rows.slice(0, shown);
  const empty = loading ? 'Đang tải…' : 'Không có nhiệm vụ';
  const more = rows.length > shown && (
    <Button style={{ marginTop: 8 }} onClick={() => setShown(shown + PAGE)}>
      Xem thêm ({rows.length - shown} nhiệm vụ)
    </Button>
  );
  if (!wide) {
    return (
      <>
        <ul className="task-cards">
          {rows.length === 0 && <li>{empty}</li>}
          {visible.map((t) => (
            <li key={t.id}>
              <Link to={`/tasks/${t.id}`} className="task-card-title">
                {t.title}
              </Link>
              <div className="task-card-facts">
                <Tag color={STATUS_LABELS[t.status]?.color}>{statusLabel(t.status)}</Tag>
                <span>Thời hạn: {formatDate(t.dueOn) || 'Chưa có'}</span>
                <span>{daysLeftLabel(t, today)}</span>
              </div>
              <div>{planTitle(t.planId)}</div>
            </li>
          ))}
        </ul>
        {more}
      </>
    );
  }
  return (
    <>
      <table className="task-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nhiệm vụ</th>
            {/* Fixed widths (table-layout: fixed): the columns do not jump when the rows arrive. */}
            <th scope="col" className="col-plan" style={{ width: '22%' }}>
              Kế hoạch
            </th>
            <th scope="col" style={{ width: 112 }}>
              Thời hạn
            </th>
            <th scope="col" style={{ width: 140 }}>
              Còn lại
            </th>
            <th scope="col" style={{ width: 190 }}>
              Tình trạng
            </th>
            <th scope="col" className="col-criterion" style={{ width: 90 }}>
              Tiêu chí
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="task-table-empty">
                {empty}
              </td>
            </tr>
          )}
          {visible.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={`/tasks/${t.id}`}>{t.title}</Link>
              </td>
              {/* One line (the full title on hover): a long plan title arriving late moves no row. */}
              <td className="col-plan ellipsis" title={planTitle(t.planId)}>
                {planTitle(t.planId)}
              </td>
              <td>{formatDate(t.dueOn) || 'Chưa có'}</td>
              <td>{daysLeftLabel(t, today)}</td>
              <td>
                <Tag color={STATUS_LABELS[t.status]?.color}>{statusLabel(t.status)}</Tag>
              </td>
              <td className="col-criterion">{t.criterion}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </>
  );
}
