/** The scripts of the frame and of the pages a sign-in leads to: asked for before they are needed. */
export function preloadSignedInPages(): void {
  void import('../layout/app-layout');
  void import('./work.page');
  void import('./overview.page');
}
