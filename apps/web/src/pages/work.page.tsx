import { Alert, Input, Select, Space } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useSearchParams } from 'react-router';
import { api, TaskListItem } from '../api/client';
import { unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { STATUS_LABELS, todayLocal } from '../format';
import { ExportButton } from '../tasks/export-button';
import { useRecordTime } from '../record-time/record-time';
import { TaskList } from '../tasks/task-list';
import { byUrgency, COUNTER_LABELS, Counter, inCounter } from '../tasks/urgency';

// Ant Design's md breakpoint, read before the first paint: Grid.useBreakpoint() answers only after
// it, so the page drew the phone's cards first and then swapped in the table (a layout shift).
const WIDE = '(min-width: 768px)';
const useWide = () =>
  useSyncExternalStore(
    (change) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener('change', change);
      return () => query.removeEventListener('change', change);
    },
    () => window.matchMedia(WIDE).matches,
  );

/** `/`: the office's own work — counters that open their lists, and the list most urgent first. */
export function WorkPage({ me }: { me: Me }) {
  const wide = useWide();
  const offices = useOffices();
  const today = todayLocal();
  // The overview's numbers open this list for one office and status.
  const [params] = useSearchParams();
  const office = params.get('office') ?? me.office;
  const [counter, setCounter] = useState<Counter | null>(null);
  const [plan, setPlan] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>(params.get('status') ?? undefined);
  const [text, setText] = useState('');

  const rt = useRecordTime();
  const tasks = useQuery({
    queryKey: ['tasks', office, rt],
    queryFn: () => unwrap(api.GET('/v1/tasks', { params: { query: { office, limit: 500, ...rt } } })),
  });
  const items = useMemo(() => tasks.data?.items ?? [], [tasks.data]);
  const planIds = [...new Set(items.map((t) => t.planId))];
  const plans = useQueries({
    queries: planIds.map((id) => ({
      queryKey: ['plan', id],
      staleTime: 5 * 60_000,
      queryFn: () => unwrap(api.GET('/v1/plans/{id}', { params: { path: { id } } })),
    })),
  });
  const planTitle = (id: string) => plans[planIds.indexOf(id)]?.data?.title ?? 'Kế hoạch';

  const shown = items
    .filter((t) => (counter ? inCounter(t, counter, today) : true))
    .filter((t) => (plan ? t.planId === plan : true))
    .filter((t) => (status ? t.status === status : true))
    .filter((t) => (text ? `${t.title} ${t.criterion ?? ''}`.toLowerCase().includes(text.toLowerCase()) : true))
    .sort(byUrgency);
  const withDeadline = shown.filter((t) => t.status !== 'NO_DEADLINE');
  const noDeadline = shown.filter((t) => t.status === 'NO_DEADLINE');

  const list = (rows: TaskListItem[], caption: string) => (
    <section aria-label={caption}>
      <TaskList rows={rows} caption={caption} wide={wide} loading={tasks.isLoading} planTitle={planTitle} today={today} />
    </section>
  );

  return (
    <>
      {/* Plain headings (index.html's .page-title, as antd's Title looks): Typography's script stays off the first page. */}
      <h1 className="page-title" style={{ fontSize: 24 }}>
        Công việc của {offices.data?.name(office) ?? office}
      </h1>
      {tasks.error && <Alert role="alert" type="error" title={tasks.error.message} />}
      <section aria-label="Số liệu nhanh" className="counters">
        {(Object.keys(COUNTER_LABELS) as Counter[]).map((c) => (
          <button
            key={c}
            type="button"
            className="counter"
            aria-pressed={counter === c}
            onClick={() => setCounter(counter === c ? null : c)}
          >
            <span className="counter-label">{COUNTER_LABELS[c]}</span>
            <span className="counter-value">{tasks.isLoading ? '…' : items.filter((t) => inCounter(t, c, today)).length}</span>
          </button>
        ))}
      </section>
      <Space wrap style={{ margin: '16px 0' }}>
        <Select
          aria-label="Lọc theo kế hoạch"
          placeholder="Mọi kế hoạch"
          allowClear
          style={{ minWidth: 220 }}
          value={plan}
          onChange={setPlan}
          options={planIds.map((id) => ({ value: id, label: planTitle(id) }))}
        />
        <Select
          aria-label="Lọc theo tình trạng"
          placeholder="Mọi tình trạng"
          allowClear
          style={{ minWidth: 200 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(STATUS_LABELS).map(([value, s]) => ({ value, label: s.label }))}
        />
        <ExportButton path="/v1/tasks" query={{ office, plan, status, ...rt }} />
        <Input.Search
          aria-label="Tìm theo tên nhiệm vụ"
          placeholder="Tìm nhiệm vụ"
          allowClear
          onSearch={setText}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 260 }}
        />
      </Space>
      {list(withDeadline, counter ? COUNTER_LABELS[counter] : 'Nhiệm vụ theo mức độ khẩn')}
      {noDeadline.length > 0 && (
        <div style={{ marginTop: 24 }}>
          <h2 className="page-title" style={{ fontSize: 18 }}>
            Chưa có thời hạn
          </h2>
          {list(noDeadline, 'Nhiệm vụ chưa có thời hạn')}
        </div>
      )}
    </>
  );
}
