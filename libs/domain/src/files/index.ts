export * from './file-rules';
export * from './content-scanner';
