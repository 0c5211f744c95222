import { Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'sessions' },
  {
    path: 'sessions',
    title: 'Sessions · Nitrolite Sessions',
    loadComponent: () => import('./sessions/pages/sessions-page').then((m) => m.SessionsPage),
  },
  {
    path: 'sessions/new',
    title: 'New session · Nitrolite Sessions',
    loadComponent: () =>
      import('./sessions/pages/create-session-page').then((m) => m.CreateSessionPage),
  },
  {
    path: 'sessions/:id',
    title: 'Session · Nitrolite Sessions',
    loadComponent: () => import('./sessions/pages/session-page').then((m) => m.SessionPage),
  },
  {
    path: 'proposals',
    title: 'Proposals · Nitrolite Sessions',
    loadComponent: () => import('./sessions/pages/proposals-page').then((m) => m.ProposalsPage),
  },
  {
    path: 'balances',
    title: 'Balances · Nitrolite Sessions',
    loadComponent: () => import('./balances/pages/balances-page').then((m) => m.BalancesPage),
  },
  { path: '**', redirectTo: 'sessions' },
];
