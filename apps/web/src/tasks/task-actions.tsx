import { DatePicker, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api, TaskView } from '../api/client';
import { unwrap } from '../api/problem';
import { Offices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { Action, ActionBar } from './action-bar';
import { EvidenceUpload, uploadedEvidence, uploadsRule } from './evidence-upload';

export const day = (v: unknown) => (v as Dayjs).format('YYYY-MM-DD');
export const noteField = { name: 'note', label: 'Nội dung', input: <Input.TextArea rows={3} />, required: true };
export const reasonField = { name: 'reason', label: 'Lý do', input: <Input.TextArea rows={3} />, required: true };
const dateInput = <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />;
/** Files dropped or chosen, uploaded as soon as they are: the report then names them by id. */
const filesField = {
  name: 'files',
  label: 'Tệp minh chứng',
  input: <EvidenceUpload field="files" />,
  rules: [uploadsRule],
  validateTrigger: false as const,
};

/** Who may do what on this task, as the API decides it: the lead office reports, a leader above it decides. */
function actionsFor(task: TaskView, me: Me, offices: Offices): Action[] {
  const id = task.id;
  const path = { path: { id } };
  const headers = { 'If-Match': `"${task.version}"` };
  const open = task.status === 'IN_PROGRESS' || task.status === 'OVERDUE' || task.status === 'NO_DEADLINE';
  const isLead = me.office === task.lead && (me.role === 'officer' || me.role === 'leader');
  const decides =
    me.role === 'admin' || (me.role === 'leader' && me.office !== task.lead && offices.below(me.office).some((o) => o.code === task.lead));
  const pending = task.extensions.find((e) => e.status === 'pending');
  const awaiting = task.completion?.status === 'awaiting';
  const actions: Action[] = [];

  if (isLead && open && !task.acknowledgedAt)
    actions.push({
      label: 'Tiếp nhận',
      fields: [],
      send: () => unwrap(api.POST('/v1/tasks/{id}/acknowledge', { params: path, headers, body: {} })),
    });
  if (isLead && open) {
    actions.push({
      label: 'Báo cáo tiến độ',
      fields: [
        noteField,
        { name: 'percent', label: 'Tỷ lệ hoàn thành (%)', input: <InputNumber min={0} max={100} style={{ width: '100%' }} /> },
        filesField,
      ],
      send: (v) => {
        const evidence = uploadedEvidence(v.files);
        return unwrap(
          api.POST('/v1/tasks/{id}/progress', {
            params: path,
            headers,
            body: {
              note: v.note as string,
              ...(v.percent != null ? { percent: v.percent as number } : {}),
              ...(evidence.length ? { evidence } : {}),
            },
          }),
        );
      },
    });
    if (!pending && task.status !== 'OVERDUE' && task.dueOn)
      actions.push({
        label: 'Xin gia hạn',
        fields: [{ name: 'dueOn', label: 'Thời hạn mới', input: dateInput, required: true }, reasonField],
        send: (v) =>
          unwrap(
            api.POST('/v1/tasks/{id}/extension-requests', {
              params: path,
              headers,
              body: { dueOn: day(v.dueOn), reason: v.reason as string },
            }),
          ),
      });
    if (!awaiting)
      actions.push({
        label: 'Báo cáo hoàn thành',
        fields: [
          { name: 'completedOn', label: 'Ngày hoàn thành', input: dateInput, required: true, initial: dayjs() },
          noteField,
          { name: 'documentNumber', label: 'Số văn bản minh chứng', input: <Input placeholder="117/BC-UBND" /> },
          { name: 'url', label: 'Đường dẫn minh chứng', input: <Input type="url" placeholder="https://" /> },
          filesField,
        ],
        send: (v) => {
          const reference =
            v.documentNumber || v.url
              ? [
                  {
                    ...(v.documentNumber ? { documentNumber: v.documentNumber as string } : {}),
                    ...(v.url ? { url: v.url as string } : {}),
                  },
                ]
              : [];
          const evidence = [...reference, ...uploadedEvidence(v.files)];
          return unwrap(
            api.POST('/v1/tasks/{id}/completion', {
              params: path,
              headers,
              body: { completedOn: day(v.completedOn), note: v.note as string, ...(evidence.length ? { evidence } : {}) },
            }),
          );
        },
      });
  }
  if (decides && pending) {
    const ext = { path: { id, requestId: pending.requestId } };
    actions.push({
      label: 'Đồng ý gia hạn',
      fields: [{ ...noteField, required: false }],
      send: (v) =>
        unwrap(
          api.POST('/v1/tasks/{id}/extension-requests/{requestId}/grant', {
            params: ext,
            headers,
            body: v.note ? { note: v.note as string } : {},
          }),
        ),
    });
    actions.push({
      label: 'Từ chối gia hạn',
      danger: true,
      fields: [reasonField],
      send: (v) =>
        unwrap(
          api.POST('/v1/tasks/{id}/extension-requests/{requestId}/deny', { params: ext, headers, body: { reason: v.reason as string } }),
        ),
    });
  }
  if (decides && awaiting) {
    actions.push({
      label: 'Xác nhận hoàn thành',
      fields: [{ ...noteField, required: false }],
      send: (v) =>
        unwrap(api.POST('/v1/tasks/{id}/completion/accept', { params: path, headers, body: v.note ? { note: v.note as string } : {} })),
    });
    actions.push({
      label: 'Trả lại',
      danger: true,
      fields: [reasonField],
      send: (v) => unwrap(api.POST('/v1/tasks/{id}/completion/return', { params: path, headers, body: { reason: v.reason as string } })),
    });
  }
  if (decides && open) {
    actions.push({
      label: 'Đổi thời hạn',
      fields: [{ name: 'dueOn', label: 'Thời hạn mới', input: dateInput, required: true }, reasonField],
      send: (v) =>
        unwrap(api.POST('/v1/tasks/{id}/deadline', { params: path, headers, body: { dueOn: day(v.dueOn), reason: v.reason as string } })),
    });
    const candidates = offices.below(me.office).filter((o) => o.code !== task.lead && o.status !== 'closed' && o.status !== 'merged');
    actions.push({
      label: 'Giao lại',
      fields: [
        {
          name: 'lead',
          label: 'Đơn vị chủ trì',
          input: <Select showSearch optionFilterProp="label" options={candidates.map((o) => ({ value: o.code, label: o.name }))} />,
          required: true,
        },
        reasonField,
      ],
      send: (v) =>
        unwrap(
          api.POST('/v1/tasks/{id}/reassign', { params: path, headers, body: { lead: v.lead as string, reason: v.reason as string } }),
        ),
    });
    actions.push({
      label: 'Hủy nhiệm vụ',
      danger: true,
      fields: [reasonField],
      send: (v) => unwrap(api.POST('/v1/tasks/{id}/cancel', { params: path, headers, body: { reason: v.reason as string } })),
    });
  }
  if (decides && !open && !awaiting)
    actions.push({
      label: 'Mở lại',
      fields: [reasonField],
      send: (v) => unwrap(api.POST('/v1/tasks/{id}/reopen', { params: path, headers, body: { reason: v.reason as string } })),
    });
  return actions;
}

/** The actions the reader may take on this task, and only those. */
export function TaskActions({ task, me, offices }: { task: TaskView; me: Me; offices: Offices }) {
  const actions = actionsFor(task, me, offices);
  return actions.length ? <ActionBar actions={actions} /> : null;
}
