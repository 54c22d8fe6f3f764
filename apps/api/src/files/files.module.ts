import { Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '@dondoc/platform';
import { FileCatalog } from './file-catalog';
import { UploadFileController } from './upload-file/upload-file.controller';
import { UploadFileService } from './upload-file/upload-file.service';
import { DownloadFileController } from './download-file/download-file.controller';
import { FILE_CONTENT_STORE, FileContentStore } from './storage/file-content-store.port';
import { PostgresFileContentStore } from './storage/postgres-file-content.store';
import { S3FileContentStore } from './storage/s3-file-content.store';
import { FileCleanup } from './cleanup-files/file-cleanup.service';
import { EvidenceResolver } from './evidence-resolver';
import { FileVerifier } from './verify-files/file-verifier';

const FILES_POOL = Symbol('FilesPool');
const UPLOAD_IDLE_MS = 60_000;

/** Evidence files (issue 18): upload, download, references from reports, cleanup and verification. */
@Module({
  controllers: [UploadFileController, DownloadFileController],
  providers: [
    FileCatalog,
    UploadFileService,
    FileCleanup,
    EvidenceResolver,
    FileVerifier,
    // An upload holds its connection (one transaction) for as long as the client sends: a pool of
    // their own, so that slow uploads never starve the API's other requests.
    // A client that sends less than one chunk (256 KB) a minute has its transaction ended by the
    // server: a stalled upload cannot hold one of the 8 connections for long.
    {
      provide: FILES_POOL,
      inject: [DATABASE_URL],
      useFactory: (url: string) =>
        new Pool({ connectionString: url, max: 8, application_name: 'dondoc-files', idle_in_transaction_session_timeout: UPLOAD_IDLE_MS }),
    },
    {
      provide: FILE_CONTENT_STORE,
      inject: [APP_CONFIG, FILES_POOL],
      useFactory: (config: AppConfig, pool: Pool): FileContentStore =>
        config.fileStore === 's3' ? new S3FileContentStore(config.s3!) : new PostgresFileContentStore(pool),
    },
  ],
  exports: [EvidenceResolver, FileVerifier, FileCatalog, FILE_CONTENT_STORE, FileCleanup],
})
export class FilesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(FILES_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cleanup: FileCleanup,
  ) {}

  /** The cleanup runs hourly in the process that serves the API (the files are its to manage). */
  onApplicationBootstrap(): void {
    if (this.config.role === 'worker') return;
    this.timer = setInterval(() => void this.cleanup.run().catch(() => undefined), 60 * 60 * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pool.end().catch(() => undefined);
  }
}
