-- SECURITY DEFINER functions run with the owner's rights: their search_path ends with
-- pg_temp (so a temporary table can never stand in for a real one) and every table they
-- read is schema-qualified (issue 11, "Low"). Same signatures and results as before.
-- For new migrations: write definer functions this way, `set search_path = public, pg_temp`
-- and `public.<table>` in the body.

create or replace function auth_session(p_token_hash bytea)
  returns table (session_id uuid, org_id uuid, user_id uuid, created_at timestamptz,
                 last_seen_at timestamptz, revoked_at timestamptz, role user_role,
                 disabled_at timestamptz)
  language sql stable security definer set search_path = public, pg_temp
  as $$
    select s.id, s.org_id, s.user_id, s.created_at, s.last_seen_at, s.revoked_at, u.role, u.disabled_at
    from public.sessions s join public.users u on u.org_id = s.org_id and u.id = s.user_id
    where s.token_hash = p_token_hash
  $$;

create or replace function auth_find_login(p_email text)
  returns table (user_id uuid, org_id uuid, password_hash text, disabled_at timestamptz)
  language sql stable security definer set search_path = public, pg_temp
  as $$
    select u.id, u.org_id, u.password_hash, u.disabled_at from public.users u
    where lower(u.email) = lower(p_email)
  $$;

create or replace function app_enqueue_job(p_identifier text, p_payload json, p_job_key text default null)
  returns void
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp
  as $$
  begin
    perform graphile_worker.add_job(p_identifier, p_payload, job_key => p_job_key, max_attempts => 5);
  end
  $$;
