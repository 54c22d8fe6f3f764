import { useQuery } from '@tanstack/react-query';

/** What the sign-in page offers (GET /v1/auth/options): single sign-on, and the first-run setup. */
export function useSignInOptions() {
  return useQuery({
    queryKey: ['sign-in-options'],
    staleTime: 60_000,
    queryFn: async (): Promise<{ sso: boolean; setupRequired: boolean }> => {
      const res = await fetch('/v1/auth/options');
      return res.ok ? res.json() : { sso: false, setupRequired: false };
    },
  });
}

export function csrfHeader(): Record<string, string> {
  const csrf = /(?:^|;\s*)dondoc_csrf=([^;]+)/.exec(document.cookie)?.[1];
  return csrf ? { 'X-CSRF-Token': decodeURIComponent(csrf) } : {};
}
