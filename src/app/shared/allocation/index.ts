export * from './allocation.types';
export * from './split-validation';
export * from './split-presets';
export * from './quorum';
export * from './weight-presets';
export * from './session-definition';
export * from './create-session-validation';
export * from './app-session-id';
