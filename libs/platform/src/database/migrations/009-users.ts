/**
 * Users and sign-in. rm_users is a read model (rebuilt from the user-* streams); the auth_* tables
 * are not: sessions, the sign-in throttle, the security log and OIDC login states live here only
 * (sign-ins are not domain events). Passwords are never stored, only scrypt hashes.
 */
export const users = `
CREATE TABLE rm_users (
  id                    text PRIMARY KEY,
  username              text NOT NULL,
  username_key          text NOT NULL UNIQUE,
  name                  text NOT NULL,
  email                 text,
  status                text NOT NULL,
  grants                jsonb NOT NULL DEFAULT '[]',
  grant_offices         text[] NOT NULL DEFAULT '{}',
  password_hash         text,
  must_change_password  boolean NOT NULL DEFAULT false,
  disabled_reason       text,
  created_at            timestamptz NOT NULL,
  version               integer NOT NULL
);
CREATE INDEX rm_users_grant_offices ON rm_users USING gin (grant_offices);

-- The cookie carries a random id; the table keeps its SHA-256 only, so a read of the table signs nobody in.
CREATE TABLE auth_sessions (
  id_hash       text PRIMARY KEY,
  user_id       text NOT NULL,
  role          text,
  office        text,
  csrf_token    text NOT NULL,
  -- 'password' or 'oidc': a one-time password must be changed only by who signed in with it
  method        text NOT NULL DEFAULT 'password',
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  ended_at      timestamptz,
  ended_reason  text
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id) WHERE ended_at IS NULL;

-- One row per throttled key ('user:<name>' or 'ip:<address>'), shared by every API process.
CREATE TABLE auth_throttle (
  key           text PRIMARY KEY,
  failures      integer NOT NULL,
  window_start  timestamptz NOT NULL,
  locked_until  timestamptz,
  lockouts      integer NOT NULL DEFAULT 0
);

CREATE TABLE auth_security_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL,
  kind      text NOT NULL,
  username  text,
  user_id   text,
  ip        text,
  detail    text
);
CREATE INDEX auth_security_log_at ON auth_security_log (at);

CREATE TABLE auth_oidc_states (
  state          text PRIMARY KEY,
  code_verifier  text NOT NULL,
  nonce          text NOT NULL,
  created_at     timestamptz NOT NULL
);

-- Not rm_ tables, so dondoc_grant_app_role() does not cover them: granted here, once (they are
-- never recreated; rm_users is, by rebuilds, and the function grants it then).
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON auth_sessions, auth_throttle, auth_security_log, auth_oidc_states TO dondoc_app;
    GRANT USAGE, SELECT ON SEQUENCE auth_security_log_id_seq TO dondoc_app;
  END IF;
END $$;
`;
