import { Alert, Input, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Offices } from '../api/use-offices';
import { auditGet, SearchHit } from './audit-api';

const KIND: Record<SearchHit['kind'], { label: string; color: string; path: string }> = {
  office: { label: 'Đơn vị', color: 'purple', path: 'don-vi' },
  plan: { label: 'Kế hoạch', color: 'blue', path: 'ke-hoach' },
  task: { label: 'Nhiệm vụ', color: 'green', path: 'nhiem-vu' },
};

/** Find a plan, task or office in scope by words, a code, a criterion or a document number; each opens its timeline. */
export function FindRecords({ offices }: { offices: Offices }) {
  const [q, setQ] = useState('');
  const hits = useQuery({
    queryKey: ['audit-search', q],
    enabled: q.trim().length >= 2,
    queryFn: () => auditGet<{ items: SearchHit[] }>('/v1/audit/search', { q: q.trim(), limit: 30 }),
  });
  return (
    <>
      <Input.Search
        aria-label="Tìm kế hoạch, nhiệm vụ, đơn vị"
        placeholder="Tên, mã kế hoạch, mã đơn vị, tiêu chí (4.2.7) hoặc số văn bản (117/BC-UBND)"
        enterButton="Tìm"
        allowClear
        onSearch={setQ}
        style={{ maxWidth: 640 }}
        loading={hits.isFetching}
      />
      {hits.error && <Alert role="alert" type="error" title={hits.error.message} style={{ marginTop: 12 }} />}
      {hits.data && (
        <List
          style={{ marginTop: 12 }}
          aria-label="Kết quả tìm kiếm"
          dataSource={hits.data.items}
          locale={{ emptyText: 'Không tìm thấy gì trong phạm vi của bạn' }}
          renderItem={(h) => (
            <List.Item>
              <div>
                <Tag color={KIND[h.kind].color}>{KIND[h.kind].label}</Tag>
                <Link to={`/thanh-tra/${KIND[h.kind].path}/${encodeURIComponent(h.id)}`}>{h.title}</Link>
                <Typography.Text type="secondary">
                  {h.office ? ` · ${offices.name(h.office)}` : ''}
                  {h.matched ? ` · khớp: ${h.matched}` : ''}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
