import { createActionGroup, emptyProps } from '@ngrx/store';

export const SessionsPageActions = createActionGroup({
  source: 'Sessions Page',
  events: {
    Opened: emptyProps(),
    'Reload Requested': emptyProps(),
  },
});
