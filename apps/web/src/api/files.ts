import { credentials } from '../auth/credentials';
import { writeHeaders } from './client';
import { Problem, problemMessage } from './problem';

/** `POST /v1/files`'s answer: the id is the SHA-256 of the bytes. */
export interface FileView {
  id: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
}

/** As the API counts it (docs/FILES.md): 20 × 1024 × 1024 bytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** What the file chooser offers; the API decides from the content whatever the name says. */
export const ACCEPTED_EXTENSIONS = '.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png';
const ALLOWED = 'Chỉ nhận PDF, Word (DOC, DOCX), Excel (XLS, XLSX), ODT, ODS, ảnh JPEG và PNG.';

/** The API's reasons for a 415 (English, libs/domain/src/files/file-rules.ts), said in Vietnamese. */
const REASONS: [RegExp, string][] = [
  [
    /Windows executable/i,
    'nội dung tệp là một chương trình chạy trên Windows, không phải tài liệu (đuôi tên tệp không quyết định loại tệp)',
  ],
  [/(Linux|macOS) executable/i, 'nội dung tệp là một chương trình máy tính, không phải tài liệu'],
  [/ZIP archive/i, 'nội dung tệp là một tệp nén ZIP, không phải tài liệu Word hay Excel'],
  [/HTML page/i, 'nội dung tệp là một trang web (HTML)'],
  [/XML document/i, 'nội dung tệp là một tài liệu XML'],
  [/PowerPoint/i, 'nội dung tệp là một bài trình chiếu PowerPoint'],
  [/compound file/i, 'tệp Office cũ này không phải văn bản Word hay bảng tính Excel'],
  [/not a recognised document/i, 'nội dung tệp không phải tài liệu hay hình ảnh được nhận (có thể là văn bản thuần hoặc trang web)'],
];

/** Why one file was refused, in Vietnamese: the API's problem (413, 415 with its reason) or the network. */
export function fileRefusal(problem: Problem): string {
  if (problem.status === 413 || problem.code === 'FILE_TOO_LARGE') return 'Tệp quá lớn: mỗi tệp tối đa 20 MB.';
  if (problem.code === 'PDF_WITH_SCRIPT')
    return 'Tệp PDF có chứa mã JavaScript nên không được nhận. Hãy in lại ra PDF (không kèm mã) rồi tải lên.';
  if (problem.code === 'FILE_EMPTY') return 'Tệp rỗng, không có nội dung.';
  if (problem.code === 'UPLOAD_NOT_ALLOWED') return 'Tài khoản thanh tra không tải tệp minh chứng lên.';
  if (problem.status === 415 || problem.code === 'UNSUPPORTED_FILE_TYPE') {
    const reason = REASONS.find(([pattern]) => pattern.test(problem.detail ?? ''))?.[1] ?? 'loại tệp này không được nhận';
    return `Không nhận tệp này: ${reason}. ${ALLOWED}`;
  }
  if (problem.status === 0) return 'Không tải lên được: mất kết nối tới máy chủ. Hãy thử lại.';
  return problemMessage(problem);
}

export class FileRefusedError extends Error {
  constructor(readonly problem: Problem) {
    super(fileRefusal(problem));
  }
}

/**
 * Uploads one file as the multipart field `file`, with the same credentials as the generated
 * client; XMLHttpRequest (not fetch) because only it reports the upload's progress.
 */
export function uploadFile(file: File, onProgress: (percent: number) => void): { done: Promise<FileView>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileView>((resolve, reject) => {
    if (file.size > MAX_FILE_BYTES) {
      reject(new FileRefusedError({ status: 413, code: 'FILE_TOO_LARGE' })); // refused here: 20 MB need not travel to be refused
      return;
    }
    xhr.open('POST', '/v1/files');
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    xhr.onload = () => {
      if (xhr.status === 201) return resolve(xhr.response as FileView);
      const body = (xhr.response ?? {}) as Partial<Problem>;
      reject(new FileRefusedError({ ...body, status: xhr.status }));
    };
    xhr.onerror = () => reject(new FileRefusedError({ status: 0 }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** Types shown in the page itself; only these (decided from the content by the API) are ever made into a blob the page displays. */
export const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * The file's bytes as a `blob:` URL for a preview: fetched with the reader's credentials (a bearer
 * token cannot ride on an `<img src>`), typed by the recorded type, never by anything else.
 */
export async function fileBlobUrl(id: string, type: string, signal?: AbortSignal): Promise<string> {
  if (!PREVIEWABLE.has(type)) throw new Error(`no preview for ${type}`);
  const token = credentials.token();
  const res = await fetch(`/v1/files/${encodeURIComponent(id)}`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return URL.createObjectURL(new Blob([await res.arrayBuffer()], { type }));
}
