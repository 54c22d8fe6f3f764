import { Empty, List, Typography } from 'antd';
import { Link } from 'react-router';
import type { Offices } from '../api/use-offices';
import { AuditEvent, timelineLink } from './audit-api';
import { ReportBody, summaryOf, When, Who } from './event-parts';

/** Events of any stream, in log order: what happened, who, when, and the text of a report. */
export function AuditEventList({
  events,
  offices,
  knownAt,
  linkStreams,
}: {
  events: AuditEvent[];
  offices: Offices;
  knownAt?: string;
  linkStreams?: boolean;
}) {
  return (
    <List
      dataSource={events}
      locale={{ emptyText: <Empty description="Không có sự kiện" /> }}
      renderItem={(e) => {
        const later = !!knownAt && e.recordedAt > knownAt;
        const link = linkStreams ? timelineLink(e.streamId) : null;
        return (
          <List.Item style={{ opacity: later ? 0.55 : 1, display: 'block' }} aria-label={`Sự kiện số ${e.position}`}>
            <Typography.Text strong>
              #{e.position} · {summaryOf(e.streamId, e.type, e.data)}
            </Typography.Text>
            {link && (
              <>
                {' '}
                · <Link to={link}>Diễn biến</Link>
              </>
            )}
            {later && <Typography.Text type="secondary"> (ghi nhận sau thời điểm đang xem)</Typography.Text>}
            <div>
              <Who actor={e.actor} offices={offices} />
            </div>
            <When occurredAt={e.occurredAt} recordedAt={e.recordedAt} />
            <ReportBody data={e.data} recordedAt={e.recordedAt} />
          </List.Item>
        );
      }}
    />
  );
}
