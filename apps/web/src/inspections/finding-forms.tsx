import { App as AntApp, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ProblemError, unwrap } from '../api/problem';
import { useOffices } from '../api/use-offices';
import { FindingView, InspectionView, SEVERITY_LABEL } from './inspection-types';

interface FindingForm {
  office: string;
  criterion?: string;
  severity: 'minor' | 'major';
  description: string;
  requirement: string;
}

/** "Ghi nhận phát hiện": a finding about one inspected office, during or after the visit. */
export function RecordFindingButton({ inspection }: { inspection: InspectionView }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FindingForm>();
  const offices = useOffices();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();

  const submit = async (v: FindingForm) => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/v1/inspections/{id}/findings', {
          params: { path: { id: inspection.id } },
          body: {
            office: v.office,
            severity: v.severity,
            description: v.description,
            requirement: v.requirement,
            ...(v.criterion ? { criterion: v.criterion } : {}),
          },
        }),
      );
      message.success('Đã ghi nhận phát hiện.');
      setOpen(false);
      form.resetFields();
      await queryClient.invalidateQueries();
    } catch (error) {
      modal.error({ title: 'Không ghi nhận được phát hiện', content: error instanceof ProblemError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        Ghi nhận phát hiện
      </Button>
      <Modal title="Ghi nhận phát hiện qua kiểm tra" open={open} onCancel={() => setOpen(false)} footer={null} width={640} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={{ severity: 'minor' }}>
          <Form.Item name="office" label="Đơn vị được kiểm tra" rules={[{ required: true, message: 'Hãy chọn đơn vị' }]}>
            <Select options={inspection.offices.map((o) => ({ value: o.code, label: o.name ?? offices.data?.name(o.code) ?? o.code }))} />
          </Form.Item>
          <Form.Item
            name="criterion"
            label="Tiêu chí"
            rules={[{ pattern: /^\d+(\.\d+)*$/, message: 'Tiêu chí ghi bằng mã số, ví dụ 1.3.2' }]}
          >
            <Input placeholder="1.3.2" />
          </Form.Item>
          <Form.Item name="severity" label="Mức độ">
            <Select options={Object.entries(SEVERITY_LABEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="description" label="Nội dung phát hiện" rules={[{ required: true, message: 'Hãy nhập nội dung phát hiện' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="requirement" label="Yêu cầu khắc phục" rules={[{ required: true, message: 'Hãy nhập yêu cầu khắc phục' }]}>
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

interface RemediationForm {
  title: string;
  deadline: string;
}

const typedDate = (text: string): string | null => {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : null;
};

/** "Giao nhiệm vụ khắc phục": one step from a finding to a task led by the inspected office, in the inspection's plan. */
export function RaiseRemediationButton({ finding }: { finding: FindingView }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RemediationForm>();
  const offices = useOffices();
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();

  const submit = async (v: RemediationForm) => {
    setBusy(true);
    try {
      const date = typedDate(v.deadline);
      await unwrap(
        api.POST('/v1/findings/{id}/remediation', {
          params: { path: { id: finding.id } },
          body: {
            title: v.title,
            lead: finding.office,
            ...(date ? { dueOn: date } : { deadlinePhrase: v.deadline.trim() }),
            ...(finding.criterion ? { criterion: finding.criterion } : {}),
          },
        }),
      );
      message.success('Đã giao nhiệm vụ khắc phục.');
      setOpen(false);
      await queryClient.invalidateQueries();
    } catch (error) {
      modal.error({ title: 'Không giao được nhiệm vụ khắc phục', content: error instanceof ProblemError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        Giao nhiệm vụ khắc phục
      </Button>
      <Modal title="Giao nhiệm vụ khắc phục" open={open} onCancel={() => setOpen(false)} footer={null} width={560} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          requiredMark="optional"
          initialValues={{ title: `Khắc phục: ${finding.requirement}` }}
        >
          <Form.Item name="title" label="Tên nhiệm vụ" rules={[{ required: true, message: 'Hãy nhập tên nhiệm vụ' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label="Đơn vị chủ trì">
            <Input value={offices.data?.name(finding.office) ?? finding.office} disabled />
          </Form.Item>
          <Form.Item name="deadline" label="Thời hạn" rules={[{ required: true, message: 'Hãy nhập thời hạn' }]}>
            <Input placeholder="31/12/2027, Quý IV/2027…" />
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
