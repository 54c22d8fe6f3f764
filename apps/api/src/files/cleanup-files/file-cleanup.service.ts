import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@dondoc/domain/shared';
import { UNREFERENCED_GRACE_MS } from '@dondoc/domain/files';
import { FileCatalog } from '../file-catalog';
import { FILE_CONTENT_STORE, FileContentStore } from '../storage/file-content-store.port';

/**
 * Removes files no report references once their grace time (24 h since the last upload or
 * reference attempt) has passed. The catalogue row goes first, under the same "unreferenced"
 * condition, so a file a report names is never removed; then its bytes.
 */
@Injectable()
export class FileCleanup {
  private readonly logger = new Logger('FileCleanup');

  constructor(
    private readonly catalog: FileCatalog,
    @Inject(FILE_CONTENT_STORE) private readonly store: FileContentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<{ removed: string[] }> {
    const cutoff = new Date(this.clock.now().getTime() - UNREFERENCED_GRACE_MS);
    const removed: string[] = [];
    for (const id of await this.catalog.unreferencedBefore(cutoff)) {
      if (!(await this.catalog.removeIfUnreferenced(id, cutoff))) continue;
      await this.store.remove(id);
      removed.push(id);
    }
    // Bytes whose catalogue row never came (a crash between the two writes), past the same grace.
    for (const id of await this.store.orphans((id) => this.catalog.exists(id), cutoff)) {
      await this.store.remove(id);
      removed.push(id);
    }
    if (removed.length) this.logger.log(`removed ${removed.length} unreferenced file(s)`);
    return { removed };
  }
}
