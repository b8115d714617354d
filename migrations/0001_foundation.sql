-- Foundation: roles, helper functions, organizations, teams, users, sessions.
-- Tenancy (engineering.md "Decisions"): every tenant table has org_id, RLS ENABLE + FORCE,
-- policies read app_current_org(); the app runs as propertypro_app (no BYPASSRLS, owns nothing).

-- The application role. NOLOGIN: the server connects with the migration login and
-- `set role propertypro_app` on every pooled connection, or (production) logs in as a
-- role that is a member of it. Concurrent test databases may race to create it.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'propertypro_app') then
    create role propertypro_app nologin nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

do $$
begin
  execute format('grant propertypro_app to %I', current_user);
exception when others then null; -- already a member, or a superuser
end $$;

grant usage on schema public to propertypro_app;

-- The org of the current transaction; null (sees nothing) when unset.
create function app_current_org() returns uuid
  language sql stable
  as $$ select nullif(current_setting('app.org_id', true), '')::uuid $$;

create function trigger_updated_at() returns trigger
  language plpgsql
  as $$ begin new.updated_at = now(); return new; end $$;

create table orgs (
  id uuid primary key,
  name text not null check (char_length(name) between 2 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger orgs_updated_at before update on orgs for each row execute function trigger_updated_at();
alter table orgs enable row level security;
alter table orgs force row level security;
create policy orgs_isolation on orgs using (id = app_current_org()) with check (id = app_current_org());
grant select, insert, update on orgs to propertypro_app;

create table teams (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  name text not null check (char_length(name) between 1 and 100),
  -- the broker who leads the team (seed 002 L6016-6049: brokers see their team's records)
  lead_user_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint teams_pkey primary key (org_id, id),
  constraint teams_org_id_id_key unique (id),
  constraint teams_org_name_key unique (org_id, name)
);
create trigger teams_updated_at before update on teams for each row execute function trigger_updated_at();

create type user_role as enum ('admin', 'broker', 'agent', 'viewer');

create table users (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  email text not null check (char_length(email) between 3 and 254),
  name text not null check (char_length(name) between 1 and 100),
  role user_role not null,
  team_id uuid,
  password_hash text not null,
  email_verified_at timestamptz,
  disabled_at timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint users_pkey primary key (org_id, id),
  constraint users_id_key unique (id),
  constraint users_team_fkey foreign key (org_id, team_id) references teams (org_id, id) on delete set null (team_id)
);
-- Sign-in is by email alone, so an email identifies one account across all orgs:
-- the one unique key of a tenant table without org_id, on purpose.
create unique index users_email_key on users (lower(email));
create trigger users_updated_at before update on users for each row execute function trigger_updated_at();

alter table teams add constraint teams_lead_fkey foreign key (org_id, lead_user_id) references users (org_id, id) on delete set null (lead_user_id);

create table sessions (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  user_id uuid not null,
  -- sha-256 of the opaque cookie value; the value itself is never stored
  token_hash bytea not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  constraint sessions_pkey primary key (org_id, id),
  constraint sessions_id_key unique (id),
  constraint sessions_token_hash_key unique (token_hash),
  constraint sessions_user_fkey foreign key (org_id, user_id) references users (org_id, id) on delete cascade
);
create index sessions_user_idx on sessions (org_id, user_id) where revoked_at is null;

-- Tenant isolation for the tables above.
do $$
declare t text;
begin
  foreach t in array array['teams', 'users', 'sessions'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (org_id = app_current_org()) with check (org_id = app_current_org())', t || '_isolation', t);
    execute format('grant select, insert, update, delete on %I to propertypro_app', t);
  end loop;
end $$;

-- The two look-ups that happen before the org is known (a session cookie, a sign-in
-- email) go through these SECURITY DEFINER functions, owned by the migration role and
-- returning only what authentication needs. The owner-read policies let them see
-- across orgs even though RLS is forced on the owner too.
create policy users_auth_lookup on users for select to current_user using (true);
create policy sessions_auth_lookup on sessions for select to current_user using (true);
create policy orgs_auth_lookup on orgs for select to current_user using (true);

create function auth_session(p_token_hash bytea)
  returns table (session_id uuid, org_id uuid, user_id uuid, created_at timestamptz,
                 last_seen_at timestamptz, revoked_at timestamptz, role user_role,
                 disabled_at timestamptz)
  language sql stable security definer set search_path = public
  as $$
    select s.id, s.org_id, s.user_id, s.created_at, s.last_seen_at, s.revoked_at, u.role, u.disabled_at
    from sessions s join users u on u.org_id = s.org_id and u.id = s.user_id
    where s.token_hash = p_token_hash
  $$;

create function auth_find_login(p_email text)
  returns table (user_id uuid, org_id uuid, password_hash text, disabled_at timestamptz)
  language sql stable security definer set search_path = public
  as $$
    select u.id, u.org_id, u.password_hash, u.disabled_at from users u where lower(u.email) = lower(p_email)
  $$;

revoke all on function auth_session(bytea) from public;
revoke all on function auth_find_login(text) from public;
grant execute on function auth_session(bytea) to propertypro_app;
grant execute on function auth_find_login(text) to propertypro_app;
grant execute on function app_current_org() to propertypro_app;
