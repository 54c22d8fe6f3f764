export * from './anchor-hash';
export * from './anchor-recorder';
export * from './anchor-verify';
export * from './audit-verify';
