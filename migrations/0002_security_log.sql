-- Sign-in attempts (lockout and per-IP limit), the security audit log, the mail outbox,
-- invitations and single-use link tokens.

-- Not a tenant table: attempts are counted before any org is known (unknown emails too).
create table login_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  at timestamptz not null,
  -- 'success' | 'failure' | 'blocked' (refused by the lockout or the IP limit)
  outcome text not null check (outcome in ('success', 'failure', 'blocked'))
);
create index login_attempts_email_idx on login_attempts (lower(email), at);
create index login_attempts_ip_idx on login_attempts (ip, at);
grant select, insert, delete on login_attempts to propertypro_app;

-- Security audit log (seed 002 L6190-6244): append-only for the app role.
create table audit_log (
  org_id uuid not null references orgs (id) on delete cascade,
  id bigint generated always as identity,
  at timestamptz not null,
  actor_user_id uuid,
  actor_email text,
  -- e.g. sign_in, sign_in_failed, sign_out, permission_denied, user_invited, role_changed
  action text not null,
  target_type text,
  target_id text,
  ip text,
  detail jsonb not null default '{}'::jsonb,
  constraint audit_log_pkey primary key (org_id, id)
);
create index audit_log_org_at_idx on audit_log (org_id, at desc);

create table outbox_emails (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  to_email text not null,
  subject text not null,
  body_text text not null,
  -- the one link the email is about, shown as a button in the app's Outbox page
  action_url text,
  action_label text,
  created_at timestamptz not null,
  -- 'outbox' (kept only), 'sent' (SMTP accepted it), 'failed'
  status text not null default 'outbox' check (status in ('outbox', 'sent', 'failed')),
  sent_at timestamptz,
  error text,
  constraint outbox_emails_pkey primary key (org_id, id)
);
create index outbox_emails_org_created_idx on outbox_emails (org_id, created_at desc);

create table invitations (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  email text not null,
  role user_role not null,
  team_id uuid,
  invited_by uuid not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  constraint invitations_pkey primary key (org_id, id),
  constraint invitations_id_key unique (id),
  constraint invitations_team_fkey foreign key (org_id, team_id) references teams (org_id, id) on delete set null (team_id),
  constraint invitations_inviter_fkey foreign key (org_id, invited_by) references users (org_id, id) on delete cascade
);
create unique index invitations_pending_email_key on invitations (org_id, lower(email)) where accepted_at is null and revoked_at is null;

-- Single-use signed links (reset, verification, invitation): the JWT id once used.
create table used_tokens (
  org_id uuid not null references orgs (id) on delete cascade,
  jti uuid not null,
  purpose text not null,
  used_at timestamptz not null,
  constraint used_tokens_pkey primary key (org_id, jti)
);

do $$
declare t text;
begin
  foreach t in array array['audit_log', 'outbox_emails', 'invitations', 'used_tokens'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (org_id = app_current_org()) with check (org_id = app_current_org())', t || '_isolation', t);
  end loop;
end $$;

grant select, insert on audit_log to propertypro_app;            -- never update or delete
grant select, insert, update on outbox_emails to propertypro_app;
grant select, insert, update on invitations to propertypro_app;
grant select, insert on used_tokens to propertypro_app;
