/**
 * Who the browser is. A person signs in with a username and password (a session cookie the page
 * cannot read); an integration tester may paste a bearer token instead, kept for this tab only.
 */
const TOKEN_KEY = 'dondoc.token';

export interface Me {
  userId: string;
  name?: string;
  role: 'leader' | 'officer' | 'inspector' | 'admin';
  office: string;
  /** A one-time password is in use: it must be changed before anything else. */
  mustChangePassword?: boolean;
}

function decodeToken(token: string): Me | null {
  try {
    // atob gives one character per byte: the claims are UTF-8 (a name such as “Lê Minh Tuấn”).
    const bytes = Uint8Array.from(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as { sub: string; name?: string; role: Me['role']; office: string };
    return { userId: payload.sub, name: payload.name, role: payload.role, office: payload.office };
  } catch {
    return null;
  }
}

export const credentials = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  useToken(token: string): Me | null {
    const me = decodeToken(token.trim());
    if (me) sessionStorage.setItem(TOKEN_KEY, token.trim());
    return me;
  },
  fromToken: (): Me | null => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? decodeToken(token) : null;
  },
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};
