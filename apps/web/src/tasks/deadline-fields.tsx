import { DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { rawGet } from '../api/client';
import { problemMessage } from '../api/problem';
import { formatDate, todayLocal } from '../format';

export type DeadlineKind = 'phrase' | 'date' | 'cadence' | 'none';
type Every = 'month' | 'quarter' | 'halfYear' | 'year';

/** The deadline part of the assign form: one of a date, a phrase as the plan prints it, a cadence, or none. */
export interface DeadlineValues {
  deadlineKind?: DeadlineKind;
  /** A phrase, or a date typed as `31/12/2027`. */
  deadline?: string;
  dueDate?: Dayjs | null;
  every?: Every;
  until?: Dayjs | null;
}

interface Parsed {
  kind?: string;
  dueOn?: string;
  recurrence?: { every: string; until?: string };
  note?: string;
  detail?: string;
  code?: string;
}

const EVERY: Record<Every, string> = { month: 'Hằng tháng', quarter: 'Hằng quý', halfYear: '6 tháng một lần', year: 'Hằng năm' };
const PERIOD: Record<Every, string> = { month: 'tháng', quarter: 'quý', halfYear: '6 tháng', year: 'năm' };
const ISO = 'YYYY-MM-DD';

/** `31/12/2027` typed as a date; anything else is a phrase the server reads. */
function typedDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : null;
}

/** The assign API's deadline fields (API.md: exactly one of dueOn, deadlinePhrase, recurrence, or none). */
export function deadlineBody(v: DeadlineValues): { dueOn?: string; deadlinePhrase?: string; recurrence?: { every: Every; until: string } } {
  switch (v.deadlineKind ?? 'phrase') {
    case 'date':
      return v.dueDate ? { dueOn: v.dueDate.format(ISO) } : {};
    case 'cadence':
      return v.every && v.until ? { recurrence: { every: v.every, until: v.until.format(ISO) } } : {};
    case 'none':
      return {};
    case 'phrase': {
      const text = v.deadline?.trim() ?? '';
      const date = typedDate(text);
      return date ? { dueOn: date } : text ? { deadlinePhrase: text } : {};
    }
  }
}

/** What the phrase typed will be, read by the server's own parser as the person types. */
function useDeadlinePreview(text: string, planEnd: string) {
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  return useQuery({
    queryKey: ['deadline-parse', debounced, planEnd],
    enabled: !!debounced.trim() && !typedDate(debounced),
    queryFn: async () => {
      const q = new URLSearchParams({ phrase: debounced.trim(), assignedOn: todayLocal(), planEnd });
      return rawGet<Parsed>(`/v1/deadlines/parse?${q}`);
    },
  });
}

function PhraseHint({ text, planEnd }: { text: string; planEnd: string }) {
  const preview = useDeadlinePreview(text, planEnd);
  const date = typedDate(text);
  let hint = '';
  if (date) hint = `Thời hạn: ${formatDate(date)}`;
  else if (preview.data?.status === 200) {
    const p = preview.data.body;
    const every = p.recurrence?.every as Every | undefined;
    if (p.kind === 'conditional') hint = 'Chưa có thời hạn cụ thể: lãnh đạo sẽ đặt thời hạn sau.';
    else if (p.recurrence)
      hint = `Định kỳ: ${(every && EVERY[every]?.toLowerCase()) ?? p.recurrence.every}${p.dueOn ? `, lần đầu ${formatDate(p.dueOn)}` : ''}${p.recurrence.until ? `, đến ${formatDate(p.recurrence.until)}` : ''}`;
    else if (p.dueOn) hint = `Thời hạn: ${formatDate(p.dueOn)}`;
  } else if (preview.data) hint = problemMessage({ ...preview.data.body, status: preview.data.status });
  return (
    <Typography.Text aria-live="polite" type={preview.data && preview.data.status !== 200 && !date ? 'danger' : undefined}>
      {hint}
    </Typography.Text>
  );
}

const notPast = (_: unknown, value: Dayjs | null | undefined) =>
  !value || value.format(ISO) >= todayLocal() ? Promise.resolve() : Promise.reject(new Error('Ngày này đã qua'));

/** The fields; `planEnd` is the default end of a cadence and what the parser reads "Thường xuyên" by. */
export function DeadlineFields({ planEnd }: { planEnd: string }) {
  const form = Form.useFormInstance<DeadlineValues>();
  const kind = (Form.useWatch('deadlineKind', form) ?? 'phrase') as DeadlineKind;
  const text = (Form.useWatch('deadline', form) ?? '') as string;
  const every = Form.useWatch('every', form) as Every | undefined;
  const until = Form.useWatch('until', form) as Dayjs | null | undefined;
  // A cadence runs to the plan's end unless the leader says otherwise.
  useEffect(() => {
    if (kind === 'cadence' && planEnd && !form.getFieldValue('until')) form.setFieldValue('until', dayjs(planEnd));
  }, [kind, planEnd, form]);

  return (
    <>
      <Form.Item name="deadlineKind" label="Cách đặt hạn" initialValue="phrase">
        <Radio.Group
          aria-label="Cách đặt hạn"
          optionType="button"
          options={[
            { value: 'phrase', label: 'Ghi như kế hoạch' },
            { value: 'date', label: 'Chọn ngày' },
            { value: 'cadence', label: 'Định kỳ' },
            { value: 'none', label: 'Chưa có hạn' },
          ]}
        />
      </Form.Item>
      {kind === 'phrase' && (
        <Form.Item name="deadline" label="Thời hạn" extra={<PhraseHint text={text} planEnd={planEnd} />}>
          <Input placeholder="31/12/2027, Quý IV/2027, Thường xuyên…" />
        </Form.Item>
      )}
      {kind === 'date' && (
        <Form.Item name="dueDate" label="Thời hạn" rules={[{ required: true, message: 'Hãy chọn ngày' }, { validator: notPast }]}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
        </Form.Item>
      )}
      {kind === 'cadence' && (
        <>
          <Form.Item name="every" label="Chu kỳ" initialValue="quarter" rules={[{ required: true, message: 'Hãy chọn chu kỳ' }]}>
            <Select options={(Object.keys(EVERY) as Every[]).map((value) => ({ value, label: EVERY[value] }))} />
          </Form.Item>
          <Form.Item
            name="until"
            label="Đến ngày"
            rules={[{ required: true, message: 'Hãy chọn ngày kết thúc' }, { validator: notPast }]}
            extra={
              every && until ? (
                <Typography.Text aria-live="polite">{`${EVERY[every]}: mỗi ${PERIOD[every]} là một lần báo cáo, hạn là ngày cuối ${PERIOD[every]}, đến ${until.format('DD/MM/YYYY')}.`}</Typography.Text>
              ) : null
            }
          >
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {kind === 'none' && (
        <Typography.Paragraph type="secondary">
          Nhiệm vụ chưa có thời hạn được theo dõi riêng; lãnh đạo đặt thời hạn sau.
        </Typography.Paragraph>
      )}
    </>
  );
}
