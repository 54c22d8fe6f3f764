import { App as AntApp, Button, Form, Input, List, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, OfficeNode, Schemas } from '../api/client';
import { unwrap } from '../api/problem';
import { Offices } from '../api/use-offices';
import { formatDate } from '../format';
import { OfficeTreeSelect } from './office-tree-select';

type Preview = Schemas['MergePreviewResponseDto'];

/**
 * Merging is shown before it is done: the admin picks the successor, sees the open tasks that will
 * move to it (the same query the merge then runs), gives the reason, and only then merges.
 */
export function MergePanel({
  office,
  offices,
  onMerged,
}: {
  office: OfficeNode;
  offices: Offices;
  onMerged: (into: string, moved: string[]) => void;
}) {
  const [into, setInto] = useState<string | undefined>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const { modal } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ into?: string; reason?: string }>();

  const fail = (error: unknown) =>
    modal.error({ title: 'Không thực hiện được', content: error instanceof Error ? error.message : String(error) });
  const load = async () => {
    if (!into) return;
    setBusy(true);
    try {
      setPreview(await unwrap(api.GET('/v1/offices/{code}/merge-preview', { params: { path: { code: office.code }, query: { into } } })));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const merge = async ({ reason }: { reason?: string }) => {
    if (!preview || !reason) return;
    setBusy(true);
    try {
      const res = (await unwrap(
        api.POST('/v1/offices/{code}/merge', { params: { path: { code: office.code } }, body: { into: preview.into, reason } }),
      )) as unknown as { movedTasks: string[] };
      onMerged(preview.into, res.movedTasks);
      await queryClient.invalidateQueries();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Hợp nhất đơn vị" style={{ marginTop: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        Hợp nhất vào đơn vị khác
      </Typography.Title>
      <Form
        form={form}
        layout="vertical"
        onFinish={merge}
        onValuesChange={(changed: { into?: string }) => {
          if ('into' in changed) {
            setInto(changed.into);
            setPreview(null);
          }
        }}
      >
        {/* A new successor means a new preview: the old one no longer says what will move. */}
        <Form.Item label="Đơn vị tiếp nhận" name="into" required>
          <OfficeTreeSelect offices={offices} exclude={office.code} />
        </Form.Item>
        <Button onClick={load} disabled={!into} loading={busy && !preview}>
          Xem trước
        </Button>
        {preview && (
          <div style={{ marginTop: 16 }}>
            <List
              size="small"
              bordered
              header={
                <strong>
                  {preview.openTasks.length
                    ? `${preview.openTasks.length} nhiệm vụ đang thực hiện sẽ chuyển sang ${preview.intoName}`
                    : `Không có nhiệm vụ đang thực hiện nào phải chuyển sang ${preview.intoName}`}
                </strong>
              }
              dataSource={preview.openTasks}
              aria-label="Nhiệm vụ sẽ chuyển"
              renderItem={(t) => (
                <List.Item>
                  <Space wrap>
                    <Link to={`/tasks/${t.id}`}>{t.title}</Link>
                    <Typography.Text type="secondary">{t.dueOn ? `thời hạn ${formatDate(t.dueOn)}` : 'chưa có thời hạn'}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            <Form.Item label="Lý do" name="reason" rules={[{ required: true, message: 'Hãy nhập lý do' }]} style={{ marginTop: 16 }}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button danger type="primary" htmlType="submit" loading={busy}>
              Hợp nhất
            </Button>
          </div>
        )}
      </Form>
    </section>
  );
}
