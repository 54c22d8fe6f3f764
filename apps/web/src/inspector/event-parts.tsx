import { App as AntApp, Space, Tag, Typography } from 'antd';
import { downloadFile, TaskEvent } from '../api/client';
import type { Offices } from '../api/use-offices';
import { formatDate, formatInstant, statusLabel, STATUS_LABELS, todayLocal } from '../format';
import { eventSummary } from '../tasks/event-summary';
import type { AuditActor, Change } from './audit-api';

const ROLE_LABELS: Record<string, string> = { leader: 'Lãnh đạo', officer: 'Chuyên viên', inspector: 'Thanh tra', admin: 'Quản trị' };

const OTHER_EVENTS: Record<string, string> = {
  OfficeRegistered: 'Đăng ký đơn vị',
  OfficeRenamed: 'Đổi tên đơn vị',
  OfficeMoved: 'Chuyển đơn vị',
  OfficeClosed: 'Giải thể đơn vị',
  OfficeMerged: 'Sáp nhập đơn vị',
  DirectiveIssued: 'Ban hành văn bản chỉ đạo',
  DirectiveAmended: 'Sửa đổi văn bản chỉ đạo',
  DirectiveRevoked: 'Thu hồi văn bản chỉ đạo',
  PlanAdopted: 'Ban hành kế hoạch',
  PlanClosed: 'Kết thúc kế hoạch',
  TargetAdded: 'Thêm chỉ tiêu',
  TargetMeasured: 'Cập nhật kết quả chỉ tiêu',
  ImportRecorded: 'Nhập kế hoạch từ tệp',
  UserRegistered: 'Tạo người dùng',
  UserGranted: 'Cấp quyền',
  UserGrantRevoked: 'Thu hồi quyền',
  UserDisabled: 'Khóa người dùng',
  UserEnabled: 'Mở khóa người dùng',
  PasswordSet: 'Đặt mật khẩu',
  DigestIssued: 'Lập bản tin đôn đốc',
  DigestDelivered: 'Gửi bản tin đôn đốc',
  DigestDeliveryFailed: 'Gửi bản tin không thành công',
  AnchorRecorded: 'Ghi mốc neo',
};

/** What happened, in a sentence: the task's own wording, or the name of any other event. */
export function summaryOf(stream: string, type: string, data: Record<string, unknown>): string {
  if (stream.startsWith('task-')) return eventSummary({ type, data } as unknown as TaskEvent);
  const name = OTHER_EVENTS[type] ?? type;
  const label = [data.title, data.name, data.number, data.code].find((v) => typeof v === 'string');
  return label ? `${name}: ${String(label)}` : name;
}

export function Who({ actor, offices }: { actor: AuditActor | null; offices: Offices }) {
  if (!actor) return <span>Hệ thống</span>;
  return (
    <span>
      {actor.name ?? actor.userId} · {offices.name(actor.office)} · {ROLE_LABELS[actor.role] ?? actor.role}
    </span>
  );
}

function gapText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} phút`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} giờ`;
  return `${Math.floor(hours / 24)} ngày`;
}

/** When it happened and when it was recorded; a gap of a minute or more is said, a late one stands out. */
export function When({ occurredAt, recordedAt, late }: { occurredAt: string; recordedAt: string; late?: boolean }) {
  const gap = Date.parse(recordedAt) - Date.parse(occurredAt);
  const long = late ?? gap >= 86_400_000;
  return (
    <Space wrap size={4}>
      <span>Xảy ra: {formatInstant(occurredAt)}</span>
      <span>· Ghi nhận: {formatInstant(recordedAt)}</span>
      {gap >= 60_000 && (
        <Tag color={long ? 'red' : 'gold'} aria-label={`Ghi nhận sau ${gapText(gap)}`}>
          {long ? '⚠ ' : ''}ghi nhận sau {gapText(gap)}
        </Tag>
      )}
    </Space>
  );
}

const status = (s: string | null) => (s ? <Tag color={STATUS_LABELS[s]?.color}>{statusLabel(s)}</Tag> : <Tag>Chưa có</Tag>);

/** Status before → after, deadline old → new, lead office old → new. */
export function Changes({ changes, offices }: { changes: { status?: Change; dueOn?: Change; lead?: Change }; offices: Offices }) {
  return (
    <>
      {changes.status && (
        <div>
          Tình trạng: {status(changes.status.from)} → {status(changes.status.to)}
        </div>
      )}
      {changes.dueOn && (
        <div>
          Thời hạn: {formatDate(changes.dueOn.from) || 'chưa có'} → {formatDate(changes.dueOn.to) || 'chưa có'}
        </div>
      )}
      {changes.lead && (
        <div>
          Đơn vị chủ trì: {offices.name(changes.lead.from) || 'chưa có'} → {offices.name(changes.lead.to)}
        </div>
      )}
    </>
  );
}

interface EvidenceItem {
  fileId?: string;
  name?: string;
  sha256?: string;
  documentNumber?: string;
  url?: string;
  title?: string;
}

/** A report's text and its evidence: document numbers, links, and files to download. */
export function ReportBody({ data, recordedAt }: { data: Record<string, unknown>; recordedAt: string }) {
  const { message } = AntApp.useApp();
  const evidence = Array.isArray(data.evidence) ? (data.evidence as EvidenceItem[]) : [];
  const completedOn = typeof data.completedOn === 'string' ? data.completedOn : null;
  const recordedOn = todayLocal(new Date(recordedAt));
  const lateDays = completedOn ? Math.round((Date.parse(recordedOn) - Date.parse(completedOn)) / 86_400_000) : 0;
  if (typeof data.note !== 'string' && !evidence.length) return null;
  return (
    <div>
      {typeof data.note === 'string' && <Typography.Paragraph style={{ margin: 0 }}>“{data.note}”</Typography.Paragraph>}
      {completedOn && lateDays > 0 && (
        <Tag color="volcano">
          Khai hoàn thành ngày {formatDate(completedOn)}, ghi nhận sau {lateDays} ngày
        </Tag>
      )}
      {evidence.length > 0 && (
        <div>
          Minh chứng:{' '}
          {evidence.map((e, i) => (
            <span key={i}>
              {i > 0 ? '; ' : ''}
              {e.fileId ? (
                <a
                  href={`/v1/files/${e.fileId}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    downloadFile(`/v1/files/${e.fileId}`).catch(() => message.error('Không tải được tệp.'));
                  }}
                  title={e.sha256 ? `SHA-256 ${e.sha256}` : undefined}
                >
                  {e.name ?? e.fileId}
                </a>
              ) : e.url ? (
                <a href={e.url} target="_blank" rel="noreferrer">
                  {e.documentNumber ?? e.title ?? e.url}
                </a>
              ) : (
                (e.documentNumber ?? e.title)
              )}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
