import { Pool } from 'pg';
import type { AppConfig } from '@dondoc/platform';
import { PostgresFileContentStore } from '../storage/postgres-file-content.store';
import { S3FileContentStore } from '../storage/s3-file-content.store';
import { FileVerifier } from './file-verifier';

/** The verifier outside Nest (npm run audit:verify): the store the configuration names. */
export function verifyStoredFiles(config: AppConfig, pool: Pool) {
  const store = config.fileStore === 's3' ? new S3FileContentStore(config.s3!) : new PostgresFileContentStore(pool);
  return new FileVerifier(pool, store).verify();
}
