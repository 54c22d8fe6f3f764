import { Pool } from 'pg';
import { fileContentStoreContract } from './file-content-store.testing';
import { PostgresFileContentStore } from './postgres-file-content.store';

describe('PostgresFileContentStore (content-addressed chunks)', () => {
  fileContentStoreContract(async () => {
    const pool = new Pool({ connectionString: process.env.DONDOC_TEST_DATABASE_URL, max: 4 });
    return { store: new PostgresFileContentStore(pool), close: () => pool.end() };
  });
});
