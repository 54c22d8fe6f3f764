import { Alert, Button, Card, Progress, Table, Typography } from 'antd';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatInstant } from '../format';
import { auditGet, AuditEvent, Page, timelineLink, verifyWithProgress, VerifyProgress } from './audit-api';

interface AnchorData {
  seq: number;
  fromPosition: string;
  toPosition: string;
  count: number;
  sealedAt?: string;
  anchorHash?: string;
}

/**
 * One request for the whole log (in one snapshot: ranges would skip the stream-head check of a
 * whole walk), read as NDJSON: the API sends how many events it has checked of how many, batch by
 * batch, then the result. The anchors and evidence files are checked after the events: the bar
 * then stays full, with the time elapsed.
 */
export function VerifyRecord() {
  const [progress, setProgress] = useState<VerifyProgress | null>(null);
  const verify = useMutation({
    mutationFn: () => {
      setProgress(null);
      return verifyWithProgress(setProgress);
    },
  });
  const elapsed = useElapsed(verify.isPending);
  const r = verify.data;
  const bad = r?.firstMismatch ?? r?.files?.firstMismatch;
  const link = bad ? timelineLink(bad.stream) : null;
  const taskId = bad?.stream.startsWith('task-') ? bad.stream.slice(5) : null;
  const task = useQuery({
    queryKey: ['task', taskId, {}],
    enabled: !!taskId,
    retry: false,
    queryFn: () => unwrap(api.GET('/v1/tasks/{id}', { params: { path: { id: taskId! } } })),
  });
  return (
    <>
      <Typography.Paragraph>
        Tính lại mã băm của mọi sự kiện, chuỗi liên kết của từng luồng, các mốc neo và mã băm của các tệp minh chứng; nếu có sai lệch, chỉ
        ra sự kiện đầu tiên không khớp.
      </Typography.Paragraph>
      <Button type="primary" onClick={() => verify.mutate()} loading={verify.isPending}>
        Kiểm tra toàn vẹn nhật ký
      </Button>
      <div aria-live="polite" style={{ marginTop: 12 }}>
        {verify.isPending && (
          <div>
            <Progress
              percent={progress?.total ? Math.floor((progress.checked * 100) / progress.total) : 0}
              status="active"
              aria-label="Tiến độ kiểm tra"
            />
            {progress
              ? `Đã kiểm tra ${progress.checked.toLocaleString('vi-VN')} / ${progress.total.toLocaleString('vi-VN')} sự kiện`
              : 'Đang bắt đầu'}
            {progress && progress.checked === progress.total ? ', đang kiểm tra các mốc neo và tệp minh chứng' : ''} · {elapsed} giây
          </div>
        )}
        {verify.error && <Alert role="alert" type="error" title={verify.error.message} />}
        {r && r.ok && (
          <Alert
            type="success"
            showIcon
            title="Nhật ký nguyên vẹn"
            description={`Đã kiểm tra ${r.checked.toLocaleString('vi-VN')} sự kiện, ${r.anchors.toLocaleString('vi-VN')} mốc neo${r.files ? `, ${r.files.checked.toLocaleString('vi-VN')} tệp minh chứng` : ''} trong ${r.seconds.toLocaleString('vi-VN')} giây.`}
          />
        )}
        {r && !r.ok && bad && (
          <Alert
            role="alert"
            type="error"
            showIcon
            title="Phát hiện sai lệch trong nhật ký"
            description={
              <>
                <div>
                  Sự kiện đầu tiên không khớp: số {bad.position} (luồng {bad.stream}, phiên bản {bad.version})
                  {task.data ? `, của nhiệm vụ “${task.data.title}”` : ''}
                  {bad.reason ? ` — ${reasonText(bad.reason)}` : ''}
                  {r.files?.firstMismatch && !r.firstMismatch
                    ? ` — tệp “${r.files.firstMismatch.name}” ${r.files.firstMismatch.reason === 'missing' ? 'bị mất' : 'đã bị thay đổi'}`
                    : ''}
                  .
                </div>
                {link && <Link to={link}>Xem diễn biến của sự kiện này</Link>}
                <div>Đã kiểm tra {r.checked.toLocaleString('vi-VN')} sự kiện, đến sự kiện sai lệch.</div>
              </>
            }
          />
        )}
      </div>
      <Card title="Các mốc neo đã ghi" size="small" style={{ marginTop: 16 }}>
        <Anchors />
      </Card>
    </>
  );
}

function Anchors() {
  const anchors = useInfiniteQuery({
    queryKey: ['audit-events', 'anchors'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => auditGet<Page<AuditEvent>>('/v1/audit/events', { stream: 'anchors', limit: 200, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = anchors.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {anchors.error && <Alert role="alert" type="error" title={anchors.error.message} />}
      <Table<AuditEvent>
        rowKey="position"
        size="small"
        caption="Mốc neo"
        loading={anchors.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        locale={{ emptyText: 'Chưa có mốc neo nào' }}
        columns={[
          { title: 'Mốc', key: 'seq', render: (_, a) => (a.data as unknown as AnchorData).seq },
          {
            title: 'Các sự kiện',
            key: 'range',
            render: (_, a) => `${(a.data as unknown as AnchorData).fromPosition} – ${(a.data as unknown as AnchorData).toPosition}`,
          },
          { title: 'Số sự kiện', key: 'count', render: (_, a) => (a.data as unknown as AnchorData).count },
          {
            title: 'Niêm phong lúc',
            key: 'sealed',
            render: (_, a) => formatInstant((a.data as unknown as AnchorData).sealedAt ?? a.recordedAt),
          },
          { title: 'Ghi nhận lúc', dataIndex: 'recordedAt', render: (d: string) => formatInstant(d) },
          {
            title: 'Mã băm',
            key: 'hash',
            render: (_, a) => (
              <Typography.Text code>{((a.data as unknown as AnchorData).anchorHash ?? a.hash).slice(0, 16)}…</Typography.Text>
            ),
          },
        ]}
      />
      {anchors.hasNextPage && (
        <Button onClick={() => anchors.fetchNextPage()} loading={anchors.isFetchingNextPage}>
          Tải thêm mốc neo
        </Button>
      )}
    </>
  );
}

const REASONS: [RegExp, string][] = [
  [/^content does not match its hash$/, 'nội dung không khớp với mã băm đã ghi (dữ liệu đã bị sửa)'],
  [/^chain hash does not match$/, 'mã băm chuỗi không khớp'],
  [/^does not chain to the previous event of the stream$/, 'không nối tiếp sự kiện trước trong luồng'],
  [/^the previous event of the stream is missing$/, 'sự kiện trước trong luồng bị mất'],
  [/^expected version/, 'sai số thứ tự phiên bản trong luồng'],
  [/^the stream's head says/, 'sự kiện cuối của luồng bị mất hoặc bị thêm'],
  [/^anchor /, 'mốc neo không khớp'],
];

/** The API's reason, said in Vietnamese where it is one of the known ones; the original beside it. */
function reasonText(reason: string): string {
  const known = REASONS.find(([re]) => re.test(reason));
  return known ? `${known[1]} (${reason})` : reason;
}

function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}
