import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../api/client';

/** "Xuất Excel": the same report as the page, as the XLSX file offices hand in. */
export function ExportButton({ path, query }: { path: string; query: Record<string, string | number | undefined> }) {
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const params = new URLSearchParams(
    Object.entries({ ...query, format: 'xlsx' })
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <Button
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(`${path}?${params}`);
        } catch {
          message.error('Không xuất được tệp Excel. Hãy thử lại.');
        } finally {
          setBusy(false);
        }
      }}
    >
      Xuất Excel
    </Button>
  );
}
