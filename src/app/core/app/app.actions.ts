import { createActionGroup, props } from '@ngrx/store';

/** The app's own lifecycle. `search` is the page's query string (for `?node=`). */
export const AppActions = createActionGroup({
  source: 'App',
  events: {
    Started: props<{ search: string }>(),
  },
});
