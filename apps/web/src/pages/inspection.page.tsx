import { Alert, Card, Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { rawGet } from '../api/client';
import { useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { formatDate, formatPercent } from '../format';
import { RaiseRemediationButton, RecordFindingButton } from '../inspections/finding-forms';
import { ImportFindingsButton } from '../inspections/import-findings-button';
import { FindingView, INSPECTION_STATUS, InspectionView, REMEDIATION_LABEL, SEVERITY_LABEL } from '../inspections/inspection-types';
import { ExportButton } from '../tasks/export-button';

interface FindingsTotal {
  recorded: number;
  remediedOnTime: number;
  remediedLate: number;
  overdue: number;
  remediationRate: { numerator: number; denominator: number; percent: string | null };
}

/**
 * `/kiem-tra/:id`: an inspection's offices and visit dates, its conclusion, and its findings with
 * their remediation; the inspecting office records findings, a leader raises the remediation task.
 */
export function InspectionPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const offices = useOffices();
  const inspection = useQuery({
    queryKey: ['inspection', id],
    queryFn: async () => {
      const r = await rawGet<InspectionView & { detail?: string }>(`/v1/inspections/${id}`);
      if (r.status !== 200)
        throw new Error(
          r.status === 404
            ? 'Không tìm thấy cuộc kiểm tra, hoặc cuộc kiểm tra không thuộc phạm vi của bạn.'
            : 'Không tải được cuộc kiểm tra.',
        );
      return r.body;
    },
  });
  const report = useQuery({
    queryKey: ['findings-report', id],
    enabled: inspection.isSuccess,
    queryFn: async () => (await rawGet<{ total: FindingsTotal }>(`/v1/reports/findings?inspection=${id}`)).body,
  });

  if (inspection.error) return <Alert role="alert" type="error" title={inspection.error.message} />;
  if (!inspection.data) return <Skeleton active />;
  const i = inspection.data;
  // The inspection names its offices: the inspecting office's own tree does not hold the offices beside it.
  const named = new Map([[i.inspectingOffice, i.inspectingOfficeName], ...i.offices.map((o) => [o.code, o.name] as const)]);
  const name = (code: string) => named.get(code) ?? offices.data?.name(code) ?? code;
  const below = (code: string) => me.role === 'admin' || offices.data?.below(me.office).some((o) => o.code === code);
  // As the API decides (requireRecorder): the inspecting office itself, or a leader or inspector over it.
  const mayRecord =
    i.status !== 'cancelled' &&
    (me.role === 'admin' ||
      (me.role === 'officer' ? me.office === i.inspectingOffice : me.office === i.inspectingOffice || below(i.inspectingOffice)));
  const mayRemediate = (f: FindingView) => (me.role === 'leader' && below(f.office)) || me.role === 'admin';
  const total = report.data?.total;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {i.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label="Đơn vị kiểm tra">{name(i.inspectingOffice)}</Descriptions.Item>
        <Descriptions.Item label="Thời gian">
          {formatDate(i.period.from)} – {formatDate(i.period.to)}
        </Descriptions.Item>
        <Descriptions.Item label="Tình trạng">{INSPECTION_STATUS[i.status]}</Descriptions.Item>
        <Descriptions.Item label="Kết luận">
          {i.conclusion
            ? `Kết luận kiểm tra số ${i.conclusion.documentNumber} ngày ${formatDate(i.conclusion.concludedOn)}`
            : 'Chưa có kết luận'}
        </Descriptions.Item>
      </Descriptions>
      <Card title="Đơn vị được kiểm tra" size="small" style={{ marginTop: 16 }}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={i.offices}
          columns={[
            { title: 'Đơn vị', dataIndex: 'code', render: (code: string) => name(code) },
            { title: 'Ngày kiểm tra', dataIndex: 'conductedOn', render: (d: string | null) => (d ? formatDate(d) : 'Chưa kiểm tra') },
          ]}
        />
      </Card>
      <Card
        title="Phát hiện qua kiểm tra"
        size="small"
        style={{ marginTop: 16 }}
        extra={
          <Space wrap>
            {mayRecord && <RecordFindingButton inspection={i} />}
            {mayRecord && <ImportFindingsButton inspection={i} />}
            <ExportButton path="/v1/reports/findings" query={{ inspection: i.id }} />
          </Space>
        }
      >
        {total && (
          <Typography.Paragraph aria-live="polite">
            Đã khắc phục {total.remediationRate.numerator}/{total.remediationRate.denominator} phát hiện (
            {formatPercent(total.remediationRate.percent)}); đúng hạn {total.remediedOnTime}, trễ hạn {total.remediedLate}, quá hạn{' '}
            {total.overdue}.
          </Typography.Paragraph>
        )}
        <Table<FindingView>
          rowKey="id"
          size="small"
          dataSource={i.findings}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: 'Chưa có phát hiện' }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'office', render: (code: string) => name(code) },
            { title: 'Tiêu chí', dataIndex: 'criterion', render: (c: string | null) => c ?? '' },
            { title: 'Mức độ', dataIndex: 'severity', render: (s: string) => SEVERITY_LABEL[s] ?? s },
            { title: 'Nội dung phát hiện', dataIndex: 'description' },
            { title: 'Yêu cầu khắc phục', dataIndex: 'requirement' },
            {
              title: 'Tình trạng khắc phục',
              dataIndex: 'remediationStatus',
              render: (s: string | null) => (s ? <Tag color={REMEDIATION_LABEL[s]?.color}>{REMEDIATION_LABEL[s]?.label ?? s}</Tag> : ''),
            },
            {
              title: 'Nhiệm vụ khắc phục',
              key: 'tasks',
              render: (_: unknown, f) => (
                <Space direction="vertical" size={2}>
                  {f.remediation.map((r) => (
                    <Link key={r.taskId} to={`/tasks/${r.taskId}`}>
                      {r.title ?? 'Nhiệm vụ'}
                      {r.dueOn ? ` (hạn ${formatDate(r.dueOn)})` : ''}
                    </Link>
                  ))}
                  {f.status === 'open' && mayRemediate(f) && <RaiseRemediationButton finding={f} />}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
