import { Button, Form, Typography, Upload } from 'antd';
import type { FormRule, UploadFile } from 'antd';
import { ACCEPTED_EXTENSIONS, FileView, uploadFile } from '../api/files';
import { formatSize } from '../format';
import { typeLabel } from './evidence-files';

export type EvidenceUploads = UploadFile<FileView>[];

/** The `{ fileId }` evidence of the files that finished uploading (refused ones stay out of the report). */
export const uploadedEvidence = (files: unknown): { fileId: string }[] =>
  ((files as EvidenceUploads | undefined) ?? []).filter((f) => f.status === 'done' && f.response).map((f) => ({ fileId: f.response!.id }));

/** A report is not sent while a file is still on its way. */
export const uploadsRule: FormRule = {
  validator: (_rule, files: EvidenceUploads | undefined) =>
    files?.some((f) => f.status === 'uploading')
      ? Promise.reject(new Error('Hãy chờ tải tệp lên xong rồi gửi báo cáo'))
      : Promise.resolve(),
};

/**
 * "Tệp minh chứng": files dropped or chosen (the button opens the chooser, by keyboard too), each
 * uploaded at once to `POST /v1/files` with its progress bar; a refusal is said under the file,
 * and any file can be removed before the report is sent. A form field: `value` is antd's file list.
 */
export function EvidenceUpload({
  id,
  field,
  value = [],
  onChange,
}: {
  id?: string;
  field: string;
  value?: EvidenceUploads;
  onChange?: (files: EvidenceUploads) => void;
}) {
  const form = Form.useFormInstance();
  const { errors } = Form.Item.useStatus();
  return (
    <Upload.Dragger<FileView>
      id={id}
      multiple
      accept={{ format: ACCEPTED_EXTENSIONS, filter: 'native' }} // dropped files are not filtered silently: the API says why one is refused
      fileList={value}
      onChange={({ fileList }) => {
        onChange?.(fileList);
        // "Wait for the upload" was said when the form was sent: cleared once nothing is on its way.
        if (errors.length && !fileList.some((f) => f.status === 'uploading'))
          setTimeout(() => void form.validateFields([field]).catch(() => undefined));
      }}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        const upload = uploadFile(file as File, (percent) => onProgress?.({ percent }));
        upload.done.then(
          (view) => onSuccess?.(view),
          (error: Error) => onError?.(error),
        );
        return { abort: upload.abort };
      }}
      locale={{ uploading: 'Đang tải lên…', removeFile: 'Bỏ tệp', uploadError: 'Không tải lên được' }}
      itemRender={(node, file) => (
        <div>
          {node}
          <FileStatus file={file} />
        </div>
      )}
    >
      <p className="ant-upload-text">Kéo thả tệp vào đây, hoặc</p>
      <Button onKeyDown={(e) => e.stopPropagation()}>Chọn tệp minh chứng</Button>
      <p className="ant-upload-hint">PDF, Word, Excel, ODT/ODS, ảnh JPEG/PNG; tối đa 20 MB mỗi tệp.</p>
    </Upload.Dragger>
  );
}

/** Said in words under each file, for everyone (a refusal is not hidden in a tooltip). */
function FileStatus({ file }: { file: UploadFile<FileView> }) {
  if (file.status === 'error')
    return (
      <Typography.Text type="danger" role="alert">
        {file.name}: {file.error instanceof Error ? file.error.message : 'Không tải lên được.'}
      </Typography.Text>
    );
  if (file.status === 'done' && file.response)
    return (
      <Typography.Text type="secondary" aria-live="polite">
        Đã tải lên · {formatSize(file.response.size)} · {typeLabel(file.response.type)}
      </Typography.Text>
    );
  if (file.status === 'uploading') return <Typography.Text type="secondary">Đang tải lên {file.percent ?? 0} %</Typography.Text>;
  return null;
}
