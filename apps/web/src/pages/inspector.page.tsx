import { Card, Col, Result, Row, Select, Skeleton, Tabs, TreeSelect, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { officeTree } from '../inspector/office-tree';
import { Offices, useOffices } from '../api/use-offices';
import { Me } from '../auth/credentials';
import { BackdatedReports } from '../inspector/backdated-reports';
import { ExportTrail } from '../inspector/export-trail';
import { FindRecords } from '../inspector/find-records';
import { VerifyRecord } from '../inspector/verify-record';

const TABS = ['tim-kiem', 'ghi-lui-ngay', 'kiem-tra', 'xuat'] as const;

/** `/thanh-tra`: the inspectors' desk — find, back-dated reports, verify the record, export a trail. Reads only. */
export function InspectorPage({ me }: { me: Me }) {
  const offices = useOffices();
  const [params, setParams] = useSearchParams();
  if (me.role !== 'inspector' && me.role !== 'admin') return <Result status="403" title="Trang này dành cho thanh tra" />;
  if (!offices.data) return <Skeleton active />;
  const tab = (TABS as readonly string[]).includes(params.get('muc') ?? '') ? params.get('muc')! : 'tim-kiem';
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Thanh tra — {offices.data.name(me.office)}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          next.set('muc', key);
          setParams(next);
        }}
        items={[
          { key: 'tim-kiem', label: 'Tìm kiếm', children: <FindRecords offices={offices.data} /> },
          { key: 'ghi-lui-ngay', label: 'Báo cáo ghi lùi ngày', children: <BackdatedReports offices={offices.data} /> },
          { key: 'kiem-tra', label: 'Kiểm tra toàn vẹn', children: <VerifyRecord /> },
          { key: 'xuat', label: 'Xuất nhật ký', children: <ExportChooser offices={offices.data} /> },
        ]}
      />
    </>
  );
}

function ExportChooser({ offices }: { offices: Offices }) {
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => unwrap(api.GET('/v1/plans', { params: { query: { limit: 500 } } })) });
  const [plan, setPlan] = useState<string | undefined>();
  const [office, setOffice] = useState<string | undefined>();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title="Nhật ký của một kế hoạch" size="small">
          <Select
            aria-label="Kế hoạch"
            placeholder="Chọn kế hoạch"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%', marginBottom: 12 }}
            value={plan}
            onChange={setPlan}
            loading={plans.isLoading}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.code ? `${p.code} — ${p.title}` : p.title }))}
          />
          {plan && (
            <>
              <ExportTrail scope={{ plan }} />
              <Link to={`/thanh-tra/ke-hoach/${plan}`}>Diễn biến của kế hoạch</Link>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="Nhật ký của một đơn vị (và các đơn vị trực thuộc)" size="small">
          <TreeSelect
            aria-label="Đơn vị"
            placeholder="Chọn đơn vị"
            treeDefaultExpandAll
            style={{ width: '100%', marginBottom: 12 }}
            value={office}
            onChange={setOffice}
            treeData={officeTree(offices.roots)}
          />
          {office && (
            <>
              <ExportTrail scope={{ office }} />
              <Link to={`/thanh-tra/don-vi/${encodeURIComponent(office)}`}>Diễn biến của đơn vị</Link>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
