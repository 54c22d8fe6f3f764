import { Alert, Button, Descriptions, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { formatInstant } from '../format';

/** Item 9, system: how far the read models trail the log, the last anchor of the log, the version running. */
export function SystemTab() {
  const status = useQuery({ queryKey: ['admin', 'system'], queryFn: () => unwrap(api.GET('/v1/system')), refetchInterval: 15_000 });
  if (status.error) return <Alert role="alert" type="error" title={status.error.message} />;
  if (!status.data) return <Skeleton active />;
  const s = status.data;
  return (
    <section aria-label="Hệ thống">
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'version', label: 'Phiên bản', children: s.version },
          {
            key: 'lag',
            label: 'Độ trễ cập nhật số liệu',
            children:
              s.lagEvents === 0 ? 'Không trễ (đã cập nhật mọi sự kiện)' : `${s.lagEvents.toLocaleString('vi-VN')} sự kiện chưa cập nhật`,
          },
          {
            key: 'anchor',
            label: 'Mốc niêm phong gần nhất',
            children: s.lastAnchor
              ? `Mốc số ${s.lastAnchor.version}, lúc ${formatInstant(s.lastAnchor.recordedAt)}, đến sự kiện số ${s.lastAnchor.toPosition} (${s.lastAnchor.count.toLocaleString('vi-VN')} sự kiện), mã ${s.lastAnchor.anchorHash.slice(0, 16)}…`
              : 'Chưa có mốc niêm phong nào',
          },
        ]}
      />
      <Button style={{ marginTop: 16 }} onClick={() => status.refetch()} loading={status.isFetching}>
        Làm mới
      </Button>
    </section>
  );
}
