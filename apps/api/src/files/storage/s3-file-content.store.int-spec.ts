import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { fileContentStoreContract } from './file-content-store.testing';
import { S3FileContentStore } from './s3-file-content.store';

/**
 * The same contract against an S3-compatible server (MinIO, Garage…): S3_TEST_ENDPOINT, with
 * S3_TEST_ACCESS_KEY_ID / S3_TEST_SECRET_ACCESS_KEY (default minioadmin), S3_TEST_BUCKET
 * (default dondoc-test, created when missing). Skipped, saying so, when the endpoint is unset.
 */
const endpoint = process.env.S3_TEST_ENDPOINT;
if (!endpoint) console.log('S3FileContentStore contract skipped: set S3_TEST_ENDPOINT to run it against an S3-compatible server');

(endpoint ? describe : describe.skip)('S3FileContentStore (S3_TEST_ENDPOINT)', () => {
  fileContentStoreContract(async () => {
    const config = {
      endpoint,
      region: process.env.S3_TEST_REGION ?? 'us-east-1',
      bucket: process.env.S3_TEST_BUCKET ?? 'dondoc-test',
      accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID ?? 'minioadmin',
      secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY ?? 'minioadmin',
      prefix: `contract-${randomUUID()}/`,
    };
    const s3 = new S3Client({ region: config.region, endpoint, forcePathStyle: true, credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: config.bucket })).catch(() => undefined);
    return { store: new S3FileContentStore(config), close: async () => s3.destroy() };
  });
});
