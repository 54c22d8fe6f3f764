export * from './read-models';
export * from './read-models.module';
export * from './projection/projection';
export * from './projection/projector.service';
export * from './projection/consistency.service';
export * from './projection/read-side';
export * from './projection/projection-lag';
