import type { Me } from '../auth/credentials';
import { preloadable } from './preload';

// The frame and the two pages a sign-in leads to (an office's work, a leader's overview): their
// chunks are asked for before they are needed (while the password is checked, while `me` is asked).
export const AppLayout = preloadable<{ me: Me }>(() => import('../layout/app-layout').then((m) => m.AppLayout));
export const WorkPage = preloadable<{ me: Me }>(() => import('./work.page').then((m) => m.WorkPage));
export const OverviewPage = preloadable<{ me: Me }>(() => import('./overview.page').then((m) => m.OverviewPage));

export function preloadSignedInPages(): void {
  void AppLayout.preload();
  void WorkPage.preload();
  void OverviewPage.preload();
}
