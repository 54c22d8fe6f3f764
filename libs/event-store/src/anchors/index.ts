export * from './anchor-hash';
