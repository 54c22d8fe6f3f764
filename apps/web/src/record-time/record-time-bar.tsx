import { Alert, Button, DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatDate } from '../format';
import { RecordTime, useRecordTime, useSetRecordTime } from './record-time';

/** `14/06/2023 09:05:07` in Asia/Ho_Chi_Minh, to the second: two events can be a second apart. */
export function formatInstantSeconds(instant: string): string {
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export const TWO_CLOCKS =
  '“Như đã ghi nhận lúc” cho xem đúng những gì hệ thống hiển thị vào thời điểm đó (chỉ các sự kiện đã được ghi vào sổ đến lúc ấy); “Xếp loại tính đến ngày” tính tình trạng nhiệm vụ theo một ngày, với mọi điều đã biết đến nay.';

/** The two clocks, for inspectors and admins: pickers, the banner that says the page is not the present, and the way back. */
export function RecordTimeBar() {
  const rt = useRecordTime();
  const set = useSetRecordTime();
  const change = (patch: Partial<RecordTime>) => set({ ...rt, ...patch });
  return (
    <section aria-label="Thời điểm xem" style={{ marginBottom: 16 }}>
      <Space wrap align="center">
        <DatePicker
          aria-label="Như đã ghi nhận lúc"
          placeholder="Như đã ghi nhận lúc…"
          showTime
          format="DD/MM/YYYY HH:mm:ss"
          value={rt.knownAt ? dayjs(rt.knownAt) : null}
          onChange={(d) => change({ knownAt: d ? d.toISOString() : undefined })}
          style={{ width: 230 }}
        />
        <DatePicker
          aria-label="Xếp loại tính đến ngày"
          placeholder="Xếp loại tính đến ngày…"
          format="DD/MM/YYYY"
          value={rt.asOf ? dayjs(rt.asOf) : null}
          onChange={(d) => change({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
          style={{ width: 210 }}
        />
        <Typography.Text type="secondary" style={{ maxWidth: 640, display: 'inline-block', fontSize: 13 }}>
          {TWO_CLOCKS}
        </Typography.Text>
      </Space>
      {(rt.knownAt || rt.asOf) && (
        <Alert
          role="status"
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={
            <>
              {rt.knownAt
                ? `Đang xem hệ thống như đã ghi nhận lúc ${formatInstantSeconds(rt.knownAt)}: những gì ghi vào sổ sau thời điểm đó không có ở đây.`
                : ''}
              {rt.knownAt && rt.asOf ? ' ' : ''}
              {rt.asOf ? `Tình trạng xếp loại tính đến ngày ${formatDate(rt.asOf)}.` : ''}
            </>
          }
          action={
            <Button size="small" onClick={() => set({})}>
              Về hiện tại
            </Button>
          }
        />
      )}
    </section>
  );
}
