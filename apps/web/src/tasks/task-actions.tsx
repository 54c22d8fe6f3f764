import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { ReactNode, useState } from 'react';
import { api, TaskView } from '../api/client';
import { ProblemError, unwrap } from '../api/problem';
import { Offices } from '../api/use-offices';
import { Me } from '../auth/credentials';

type Values = Record<string, unknown>;
const day = (v: unknown) => (v as Dayjs).format('YYYY-MM-DD');
const noteField = { name: 'note', label: 'Nội dung', input: <Input.TextArea rows={3} />, required: true };
const reasonField = { name: 'reason', label: 'Lý do', input: <Input.TextArea rows={3} />, required: true };
const dateInput = <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />;

interface Field {
  name: string;
  label: string;
  input: ReactNode;
  required?: boolean;
  initial?: unknown;
}

interface Action {
  label: string;
  danger?: boolean;
  fields: Field[];
  send(values: Values): Promise<unknown>;
}

/** Who may do what on this task, as the API decides it: the lead office reports, a leader above it decides. */
function actionsFor(task: TaskView, me: Me, offices: Offices): Action[] {
  const id = task.id;
  const path = { path: { id } };
  const headers = { 'If-Match': `"${task.version}"` };
  const open = task.status === 'IN_PROGRESS' || task.status === 'OVERDUE' || task.status === 'NO_DEADLINE';
  const isLead = me.office === task.lead && (me.role === 'officer' || me.role === 'leader');
  const decides = me.role === 'admin' || (me.role === 'leader' && me.office !== task.lead && offices.below(me.office).some((o) => o.code === task.lead));
  const pending = task.extensions.find((e) => e.status === 'pending');
  const awaiting = task.completion?.status === 'awaiting';
  const actions: Action[] = [];

  if (isLead && open && !task.acknowledgedAt) actions.push({ label: 'Tiếp nhận', fields: [], send: () => unwrap(api.POST('/v1/tasks/{id}/acknowledge', { params: path, headers, body: {} })) });
  if (isLead && open) {
    actions.push({
      label: 'Báo cáo tiến độ',
      fields: [noteField, { name: 'percent', label: 'Tỷ lệ hoàn thành (%)', input: <InputNumber min={0} max={100} style={{ width: '100%' }} /> }],
      send: (v) => unwrap(api.POST('/v1/tasks/{id}/progress', { params: path, headers, body: { note: v.note as string, ...(v.percent != null ? { percent: v.percent as number } : {}) } })),
    });
    if (!pending && task.status !== 'OVERDUE' && task.dueOn)
      actions.push({
        label: 'Xin gia hạn',
        fields: [{ name: 'dueOn', label: 'Thời hạn mới', input: dateInput, required: true }, reasonField],
        send: (v) => unwrap(api.POST('/v1/tasks/{id}/extension-requests', { params: path, headers, body: { dueOn: day(v.dueOn), reason: v.reason as string } })),
      });
    if (!awaiting)
      actions.push({
        label: 'Báo cáo hoàn thành',
        fields: [
          { name: 'completedOn', label: 'Ngày hoàn thành', input: dateInput, required: true, initial: dayjs() },
          noteField,
          { name: 'documentNumber', label: 'Số văn bản minh chứng', input: <Input placeholder="117/BC-UBND" /> },
          { name: 'url', label: 'Đường dẫn minh chứng', input: <Input type="url" placeholder="https://" /> },
        ],
        send: (v) => {
          const evidence = v.documentNumber || v.url ? [{ ...(v.documentNumber ? { documentNumber: v.documentNumber as string } : {}), ...(v.url ? { url: v.url as string } : {}) }] : undefined;
          return unwrap(api.POST('/v1/tasks/{id}/completion', { params: path, headers, body: { completedOn: day(v.completedOn), note: v.note as string, ...(evidence ? { evidence } : {}) } }));
        },
      });
  }
  if (decides && pending) {
    const ext = { path: { id, requestId: pending.requestId } };
    actions.push({ label: 'Đồng ý gia hạn', fields: [{ ...noteField, required: false }], send: (v) => unwrap(api.POST('/v1/tasks/{id}/extension-requests/{requestId}/grant', { params: ext, headers, body: v.note ? { note: v.note as string } : {} })) });
    actions.push({ label: 'Từ chối gia hạn', danger: true, fields: [reasonField], send: (v) => unwrap(api.POST('/v1/tasks/{id}/extension-requests/{requestId}/deny', { params: ext, headers, body: { reason: v.reason as string } })) });
  }
  if (decides && awaiting) {
    actions.push({ label: 'Xác nhận hoàn thành', fields: [{ ...noteField, required: false }], send: (v) => unwrap(api.POST('/v1/tasks/{id}/completion/accept', { params: path, headers, body: v.note ? { note: v.note as string } : {} })) });
    actions.push({ label: 'Trả lại', danger: true, fields: [reasonField], send: (v) => unwrap(api.POST('/v1/tasks/{id}/completion/return', { params: path, headers, body: { reason: v.reason as string } })) });
  }
  if (decides && open) {
    actions.push({
      label: 'Đổi thời hạn',
      fields: [{ name: 'dueOn', label: 'Thời hạn mới', input: dateInput, required: true }, reasonField],
      send: (v) => unwrap(api.POST('/v1/tasks/{id}/deadline', { params: path, headers, body: { dueOn: day(v.dueOn), reason: v.reason as string } })),
    });
    const candidates = offices.below(me.office).filter((o) => o.code !== task.lead && o.status !== 'closed' && o.status !== 'merged');
    actions.push({
      label: 'Giao lại',
      fields: [{ name: 'lead', label: 'Đơn vị chủ trì', input: <Select showSearch optionFilterProp="label" options={candidates.map((o) => ({ value: o.code, label: o.name }))} />, required: true }, reasonField],
      send: (v) => unwrap(api.POST('/v1/tasks/{id}/reassign', { params: path, headers, body: { lead: v.lead as string, reason: v.reason as string } })),
    });
    actions.push({ label: 'Hủy nhiệm vụ', danger: true, fields: [reasonField], send: (v) => unwrap(api.POST('/v1/tasks/{id}/cancel', { params: path, headers, body: { reason: v.reason as string } })) });
  }
  if (decides && !open && !awaiting) actions.push({ label: 'Mở lại', fields: [reasonField], send: (v) => unwrap(api.POST('/v1/tasks/{id}/reopen', { params: path, headers, body: { reason: v.reason as string } })) });
  return actions;
}

/** The actions the reader may take, and only those; each opens a small form that ends with "Gửi". */
export function TaskActions({ task, me, offices }: { task: TaskView; me: Me; offices: Offices }) {
  const [active, setActive] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const actions = actionsFor(task, me, offices);
  if (!actions.length) return null;

  const run = async (action: Action, values: Values) => {
    setBusy(true);
    try {
      await action.send(values);
      message.success(`Đã ghi nhận: ${action.label.toLowerCase()}.`);
      setActive(null);
      await queryClient.invalidateQueries();
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : null;
      if (problem?.status === 412) {
        setActive(null);
        modal.confirm({ title: 'Trang đã cũ', content: error instanceof Error ? error.message : '', okText: 'Tải lại', cancelText: 'Đóng', onOk: () => queryClient.invalidateQueries() });
      } else modal.error({ title: 'Không thực hiện được', content: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Thao tác">
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a.label}
            danger={a.danger}
            type={a.danger ? 'default' : 'primary'}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue(Object.fromEntries(a.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial])));
              if (a.fields.length) setActive(a);
              else void run(a, {});
            }}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      <Modal title={active?.label} open={!!active} onCancel={() => setActive(null)} footer={null} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(values) => active && run(active, values)} requiredMark="optional">
          {active?.fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} rules={f.required ? [{ required: true, message: `Hãy nhập ${f.label.toLowerCase()}` }] : []}>
              {f.input}
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              Gửi
            </Button>
            <Button onClick={() => setActive(null)}>Hủy bỏ</Button>
          </Space>
        </Form>
      </Modal>
    </section>
  );
}
