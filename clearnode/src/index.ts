export { startClearNode, type RunningClearNode } from './clearnode.ts';
export type { ClearNodeOptions } from './options.ts';
export { FAUCET_ACCOUNT } from './faucet.ts';
