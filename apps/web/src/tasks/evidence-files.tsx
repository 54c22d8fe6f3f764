import { App as AntApp, Button, Image, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { downloadFile } from '../api/client';
import { fileBlobUrl } from '../api/files';
import { formatInstant, formatSize } from '../format';

/** A file a report names, as its event recorded it (the hash chain covers these facts). */
export interface EvidenceFile {
  fileId: string;
  sha256: string;
  name: string;
  size: number;
  type: string;
}

/** One file with where it was recorded: which report, when. */
export interface RecordedFile {
  file: EvidenceFile;
  /** When the report naming it was made (the event's occurredAt). */
  at?: string;
  /** "Báo cáo hoàn thành", "Báo cáo tiến độ"… */
  report?: string;
}

/** The files among a report's evidence (an event's `data.evidence` or a view's `evidence`); document numbers and links are left out. */
export function filesOf(evidence: unknown): EvidenceFile[] {
  if (!Array.isArray(evidence)) return [];
  return evidence.filter((e): e is EvidenceFile => !!e && typeof e === 'object' && typeof (e as EvidenceFile).fileId === 'string');
}

const REPORTS: Record<string, string> = { ProgressReported: 'Báo cáo tiến độ', CompletionReported: 'Báo cáo hoàn thành' };

/** Every file named by a trail's events (progress and completion reports), oldest first, with its report and time. */
export function filesOfEvents(events: { type: string; data: Record<string, unknown>; occurredAt: string }[]): RecordedFile[] {
  return events.flatMap((e) => filesOf(e.data.evidence).map((file) => ({ file, at: e.occurredAt, report: REPORTS[e.type] })));
}

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word (DOC)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.ms-excel': 'Excel (XLS)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.oasis.opendocument.text': 'Văn bản ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'Bảng tính ODS',
  'image/jpeg': 'Ảnh JPEG',
  'image/png': 'Ảnh PNG',
};
export const typeLabel = (type: string): string => TYPE_LABELS[type] ?? type;
/** The badge in place of a thumbnail: PDF, DOCX, XLSX… */
const badge = (type: string, name: string) =>
  /\(([A-Z]+)\)$/.exec(TYPE_LABELS[type] ?? '')?.[1] ?? (TYPE_LABELS[type]?.split(' ').pop() || name.split('.').pop()?.toUpperCase() || '');

function TypeBadge({ file, size }: { file: EvidenceFile; size: number }) {
  return (
    <div
      aria-hidden
      style={{
        width: size,
        height: size,
        display: 'grid',
        placeItems: 'center',
        flex: 'none',
        background: '#f5f5f5',
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        fontWeight: 600,
        fontSize: size > 60 ? 16 : 11,
        color: '#595959',
      }}
    >
      {badge(file.type, file.name)}
    </div>
  );
}
const isImage = (type: string) => type === 'image/png' || type === 'image/jpeg';

/** A `blob:` URL of the file while the component shows it; revoked when it goes. */
function useBlobUrl(file: EvidenceFile, enabled: boolean): { url?: string; failed: boolean } {
  const [state, setState] = useState<{ url?: string; failed: boolean }>({ failed: false });
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let url: string | undefined;
    fileBlobUrl(file.fileId, file.type, abort.signal).then(
      (u) => {
        url = u;
        setState({ url: u, failed: false });
      },
      () => !abort.signal.aborted && setState({ failed: true }),
    );
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.fileId, file.type, enabled]);
  return state;
}

function Thumbnail({ file, size }: { file: EvidenceFile; size: number }) {
  const { url, failed } = useBlobUrl(file, true);
  if (failed) return <Typography.Text type="secondary">Không xem trước được ảnh</Typography.Text>;
  // Click to enlarge: antd's preview, with its zoom and rotate.
  return (
    <Image
      src={url}
      alt={`Ảnh minh chứng: ${file.name}`}
      width={size}
      height={size}
      style={{ objectFit: 'cover' }}
      placeholder
      preview={{ cover: 'Phóng to' }}
    />
  );
}

/** A PDF in the page: Chromium's, Firefox's or Edge's own viewer, in a frame of the fetched bytes. */
function PdfPreview({ file, onClose }: { file: EvidenceFile; onClose: () => void }) {
  const { url, failed } = useBlobUrl(file, true);
  return (
    <Modal open title={`Xem trước: ${file.name}`} onCancel={onClose} footer={null} width="min(960px, 96vw)" destroyOnHidden>
      {failed ? (
        <Typography.Text type="danger">Không mở được tệp. Hãy tải xuống để xem.</Typography.Text>
      ) : url ? (
        <iframe src={url} title={`Nội dung tệp ${file.name}`} style={{ width: '100%', height: '70vh', border: 0 }} />
      ) : (
        <Typography.Text type="secondary">Đang mở tệp…</Typography.Text>
      )}
    </Modal>
  );
}

/**
 * The evidence files of a task's reports: name, size, type, when and by which report, the start of
 * the SHA-256 (the whole one on hover), a download, a thumbnail for images (click to enlarge) and
 * a preview for PDF. `compact` for a timeline. Shared by the task page and the inspectors' timeline.
 */
export function EvidenceFiles({
  files,
  compact = false,
  label = 'Tệp minh chứng',
}: {
  files: RecordedFile[];
  compact?: boolean;
  label?: string;
}) {
  const [previewing, setPreviewing] = useState<EvidenceFile | null>(null);
  const { message } = AntApp.useApp();
  if (!files.length) return null;
  const download = (f: EvidenceFile) =>
    downloadFile(`/v1/files/${encodeURIComponent(f.fileId)}`).catch(() => message.error(`Không tải xuống được tệp ${f.name}.`));
  return (
    <>
      <ul
        aria-label={label}
        style={{ listStyle: 'none', padding: 0, margin: compact ? '4px 0 0' : 0, display: 'grid', gap: compact ? 4 : 12 }}
      >
        {files.map(({ file, at, report }, i) => (
          <li key={`${file.fileId}-${i}`} style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
            {isImage(file.type) ? <Thumbnail file={file} size={compact ? 48 : 96} /> : <TypeBadge file={file} size={compact ? 48 : 96} />}
            <div style={{ minWidth: 0, flex: '1 1 240px' }}>
              <Typography.Text strong={!compact} style={{ overflowWrap: 'anywhere' }}>
                {file.name}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {formatSize(file.size)} · {typeLabel(file.type)}
                  {!compact && at ? ` · ghi nhận ${formatInstant(at)}` : ''}
                  {!compact && report ? ` · ${report}` : ''}
                  {!compact && (
                    <>
                      {' · SHA-256 '}
                      <Typography.Text code title={file.sha256} copyable={{ text: file.sha256, tooltips: ['Chép mã SHA-256', 'Đã chép'] }}>
                        {file.sha256.slice(0, 12)}…
                      </Typography.Text>
                    </>
                  )}
                </Typography.Text>
              </div>
            </div>
            <Space wrap size={4}>
              {file.type === 'application/pdf' && (
                <Button size="small" onClick={() => setPreviewing(file)} aria-label={`Xem trước ${file.name}`}>
                  Xem trước
                </Button>
              )}
              <Button size="small" onClick={() => void download(file)} aria-label={`Tải xuống ${file.name}`}>
                Tải xuống
              </Button>
            </Space>
          </li>
        ))}
      </ul>
      {previewing && <PdfPreview file={previewing} onClose={() => setPreviewing(null)} />}
    </>
  );
}
