import { Injectable } from '@nestjs/common';
import { Evidence } from '@dondoc/domain/task';
import { FileErrors, SHA256_HEX } from '@dondoc/domain/files';
import { FileCatalog } from './file-catalog';

/**
 * `{ fileId }` in a report's evidence becomes the file's recorded facts (SHA-256, name, size, type),
 * so the event — and its hash chain — covers the file. Touching the files restarts their grace
 * time: the cleanup cannot take a file between this check and the append.
 */
@Injectable()
export class EvidenceResolver {
  constructor(private readonly catalog: FileCatalog) {}

  async resolve(evidence: unknown, now: Date): Promise<unknown> {
    if (!Array.isArray(evidence)) return evidence;
    const ids = evidence.flatMap((e) =>
      e && typeof e === 'object' && typeof (e as { fileId?: unknown }).fileId === 'string' ? [(e as { fileId: string }).fileId] : [],
    );
    if (!ids.length) return evidence;
    const known = await this.catalog.touch(
      ids.filter((id) => SHA256_HEX.test(id)),
      now,
    );
    return evidence.map((e, i): Evidence | unknown => {
      const id = (e as { fileId?: unknown } | null)?.fileId;
      if (typeof id !== 'string') return e;
      const f = known.get(id);
      if (!f) throw FileErrors.unknownEvidenceFile(id, `evidence[${i}].fileId`);
      return { fileId: f.id, sha256: f.sha256, name: f.name, size: f.size, type: f.type };
    });
  }
}
