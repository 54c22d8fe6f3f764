export * from './anchor-recorder';
export * from './anchor-verify';
export * from './audit-verify';
