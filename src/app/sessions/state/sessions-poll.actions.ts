import { createActionGroup, props } from '@ngrx/store';

export const SessionsPollActions = createActionGroup({
  source: 'Sessions Poll',
  events: {
    /** The wait since the last look at the node's sessions ran out; `at`: when (ms). */
    'Timer Elapsed': props<{ at: number }>(),
  },
});
