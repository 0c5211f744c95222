import { createActionGroup, props } from '@ngrx/store';
import { RpcRequest } from '../../core';

export const CreateSessionFormActions = createActionGroup({
  source: 'Create Session Form',
  events: {
    /** Signed and ready; `key` makes a second click a no-op. */
    'Create Submitted': props<{
      key: string;
      request: RpcRequest;
      signatures: readonly string[];
      label: string | null;
    }>(),
  },
});
