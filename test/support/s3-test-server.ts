import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3TestServer {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  name: string;
  close(): Promise<void>;
}

/**
 * An S3-compatible server for the contract tests: the one at S3_TEST_ENDPOINT (MinIO, Garage, AWS…)
 * when set, otherwise s3rver on a free loopback port with a temporary folder, started in-process
 * (it checks SigV4 signatures, and serves multipart uploads, copies, ranges and listings; it ignores
 * If-None-Match on PutObject and answers 405 to AbortMultipartUpload, so what rests on those is
 * proven only against a real server).
 */
export async function startS3TestServer(bucket: string): Promise<S3TestServer> {
  const external = process.env.S3_TEST_ENDPOINT;
  if (external) {
    return {
      endpoint: external,
      accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID ?? 'minioadmin',
      secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY ?? 'minioadmin',
      name: `S3_TEST_ENDPOINT ${external}`,
      close: async () => undefined,
    };
  }
  const directory = mkdtempSync(join(tmpdir(), 'dondoc-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    // s3rver's fixed credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    name: `s3rver in-process at 127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
