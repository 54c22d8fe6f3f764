import { App as AntApp, Button, Form, Input, Modal, Select, Space, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, OfficeNode, rawGet } from '../api/client';
import { ProblemError, problemMessage, unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { formatDate, todayLocal } from '../format';

interface AssignForm {
  title: string;
  lead: string[];
  supporting?: string[];
  deadline?: string;
  criterion?: string;
  expectedOutcome?: string;
}

interface Parsed {
  kind?: string;
  dueOn?: string;
  recurrence?: { every: string; until?: string };
  note?: string;
  detail?: string;
  code?: string;
}

/** `31/12/2027` or `31/12/27` typed as a date; anything else is a phrase the server reads. */
function typedDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : null;
}

/** What the deadline typed will be, read by the server's own parser as the person types. */
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
      const { status, body } = await rawGet<Parsed>(`/v1/deadlines/parse?${q}`);
      return { status, body };
    },
  });
}

const EVERY: Record<string, string> = { month: 'hằng tháng', quarter: 'hằng quý', half: '6 tháng một lần', year: 'hằng năm' };

function DeadlineHint({ text, planEnd }: { text: string; planEnd: string }) {
  const preview = useDeadlinePreview(text, planEnd);
  const date = typedDate(text);
  let hint = '';
  if (date) hint = `Thời hạn: ${formatDate(date)}`;
  else if (preview.data?.status === 200) {
    const p = preview.data.body;
    if (p.kind === 'conditional') hint = 'Chưa có thời hạn cụ thể: lãnh đạo sẽ đặt thời hạn sau.';
    else if (p.recurrence) hint = `Định kỳ ${EVERY[p.recurrence.every] ?? p.recurrence.every}${p.dueOn ? `, lần đầu ${formatDate(p.dueOn)}` : ''}${p.recurrence.until ? `, đến ${formatDate(p.recurrence.until)}` : ''}`;
    else if (p.dueOn) hint = `Thời hạn: ${formatDate(p.dueOn)}`;
  } else if (preview.data) hint = problemMessage({ ...preview.data.body, status: preview.data.status });
  return (
    <Typography.Text aria-live="polite" type={preview.data && preview.data.status !== 200 && !date ? 'danger' : undefined}>
      {hint}
    </Typography.Text>
  );
}

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}
const tree = (nodes: OfficeNode[]): TreeNode[] => nodes.map((n) => ({ value: n.code, title: n.name, children: tree(n.children) }));

/** "Giao nhiệm vụ": one task per lead office chosen from the tree; the deadline as a date or as the plan prints it. */
export function AssignTaskButton({ planId, issuer, me }: { planId: string; issuer: string; me: Me }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<AssignForm>();
  const deadline = Form.useWatch('deadline', form) ?? '';
  const offices = useOffices();
  const plan = useQuery({ queryKey: ['plan', planId], queryFn: () => unwrap(api.GET('/v1/plans/{id}', { params: { path: { id: planId } } })) });
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const root = me.role === 'admin' ? issuer : me.office;
  const below = offices.data?.below(root) ?? [];
  const nodes = offices.data ? tree(below.filter((o) => o.parent === root)) : [];

  const submit = async (v: AssignForm) => {
    setBusy(true);
    try {
      const date = v.deadline ? typedDate(v.deadline) : null;
      await unwrap(
        api.POST('/v1/plans/{id}/tasks', {
          params: { path: { id: planId } },
          body: {
            title: v.title,
            lead: v.lead,
            ...(v.supporting?.length ? { supporting: v.supporting } : {}),
            ...(date ? { dueOn: date } : v.deadline?.trim() ? { deadlinePhrase: v.deadline.trim() } : {}),
            ...(v.criterion ? { criterion: v.criterion } : {}),
            ...(v.expectedOutcome ? { expectedOutcome: v.expectedOutcome } : {}),
          },
        }),
      );
      message.success(`Đã giao ${v.lead.length} nhiệm vụ.`);
      setOpen(false);
      form.resetFields();
      await queryClient.invalidateQueries();
    } catch (error) {
      modal.error({ title: 'Không giao được nhiệm vụ', content: error instanceof ProblemError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        Giao nhiệm vụ
      </Button>
      <Modal title="Giao nhiệm vụ" open={open} onCancel={() => setOpen(false)} footer={null} width={640} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
          <Form.Item name="title" label="Tên nhiệm vụ" rules={[{ required: true, message: 'Hãy nhập tên nhiệm vụ' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="lead" label="Đơn vị chủ trì" extra="Mỗi đơn vị chủ trì được giao một nhiệm vụ riêng." rules={[{ required: true, message: 'Hãy chọn đơn vị chủ trì' }]}>
            <TreeSelect treeData={nodes} multiple treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="Chọn đơn vị" />
          </Form.Item>
          <Form.Item name="supporting" label="Đơn vị phối hợp">
            <Select mode="multiple" optionFilterProp="label" options={below.map((o) => ({ value: o.code, label: o.name }))} />
          </Form.Item>
          <Form.Item name="deadline" label="Thời hạn" extra={<DeadlineHint text={deadline} planEnd={plan.data?.period.to ?? ''} />}>
            <Input placeholder="31/12/2027, Quý IV/2027, Hằng quý…" />
          </Form.Item>
          <Form.Item name="criterion" label="Tiêu chí" rules={[{ pattern: /^\d+(\.\d+)*$/, message: 'Tiêu chí ghi bằng mã số, ví dụ 1.3.2' }]}>
            <Input placeholder="1.3.2" />
          </Form.Item>
          <Form.Item name="expectedOutcome" label="Kết quả cần đạt">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              Gửi
            </Button>
            <Button onClick={() => setOpen(false)}>Hủy bỏ</Button>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
