import { createActionGroup, emptyProps, props } from '@ngrx/store';

export const SessionsPageActions = createActionGroup({
  source: 'Sessions Page',
  events: {
    Opened: emptyProps(),
    'Reload Requested': emptyProps(),
    /** Reading a closed session's final split failed; the person asks again from the history. */
    'Final Split Retry Clicked': props<{ sessionId: string }>(),
    /** The history shows the newest closed sessions; the person asks for the ones before them. */
    'Older History Requested': emptyProps(),
  },
});
