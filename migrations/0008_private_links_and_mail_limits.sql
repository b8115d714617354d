-- Issue 11, items 3 and 8: account links are never stored, registration is confirmed by
-- email, and mail a visitor can trigger is rate limited.

-- Links with a token (verification, reset, invitation, registration) are not stored:
-- the outbox keeps what the link is for, and the delivery signs a fresh token as it
-- sends. `link_pwv` binds a reset link to the password state it was asked for.
alter table outbox_emails add column link_purpose text
  check (link_purpose in ('verify_email', 'reset_password', 'invitation', 'registration'));
alter table outbox_emails add column link_subject uuid;
alter table outbox_emails add column link_pwv bigint;
alter table outbox_emails add constraint outbox_emails_link_check
  check ((link_purpose is null) = (link_subject is null));

-- Links already stored are removed (each org under its own `app.org_id`: RLS applies).
do $$
  declare o uuid;
  begin
    for o in select id from public.orgs loop
      perform set_config('app.org_id', o::text, true);
      update public.outbox_emails
        set action_url = null,
            body_text = regexp_replace(body_text, '\S*token=\S*', '(link removed)', 'g')
        where action_url like '%token=%' or body_text like '%token=%';
    end loop;
    perform set_config('app.org_id', '', true);
  end
$$;

-- A brokerage being registered: the org exists (its outbox holds the confirmation
-- email) but has no user until the emailed link is opened. Unconfirmed ones are purged
-- after a day.
create table org_registrations (
  org_id uuid primary key references orgs (id) on delete cascade,
  email text not null,
  name text not null,
  password_hash text not null,
  created_at timestamptz not null
);
select app_tenant_table('org_registrations');
grant select, insert, delete on org_registrations to propertypro_app;

-- Rate limits for requests that send mail (forgot password, registration): one row
-- per admitted request; the count and the insert run under an advisory lock on the
-- (bucket, key) pair, so parallel requests can't all pass. Keys are hashes (no
-- addresses are kept). Answers 0 when admitted, else the seconds until a slot frees.
create table rate_limit_hits (
  bucket text not null,
  key text not null,
  at timestamptz not null
);
create index rate_limit_hits_idx on rate_limit_hits (bucket, key, at);

create function app_rate_limit_take(p_bucket text, p_key text, p_now timestamptz,
                                    p_window interval, p_max int)
  returns int
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp
  as $$
  declare
    n int;
    oldest timestamptz;
  begin
    perform pg_advisory_xact_lock(hashtextextended('rate:' || p_bucket || ':' || p_key, 0));
    select count(*), min(at) into n, oldest from public.rate_limit_hits
      where bucket = p_bucket and key = p_key and at > p_now - p_window and at <= p_now;
    if n >= p_max then
      return greatest(1, ceil(extract(epoch from (oldest + p_window - p_now)))::int);
    end if;
    insert into public.rate_limit_hits (bucket, key, at) values (p_bucket, p_key, p_now);
    return 0;
  end
  $$;
revoke all on function app_rate_limit_take(text, text, timestamptz, interval, int) from public;
grant execute on function app_rate_limit_take(text, text, timestamptz, interval, int)
  to propertypro_app;

-- Retention, as in 0007, plus: rate-limit rows after a day, unconfirmed registrations
-- (and their empty org) after a day, and the link columns with the bodies.
create or replace function app_purge_expired(p_now timestamptz)
  returns table (what text, removed bigint)
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp
  as $$
  declare
    o uuid;
    n bigint;
    s bigint := 0;
    m bigint := 0;
    t bigint := 0;
    r bigint := 0;
  begin
    delete from public.login_attempts where at < p_now - interval '30 days';
    get diagnostics n = row_count;
    what := 'login_attempts'; removed := n; return next;
    delete from public.rate_limit_hits where at < p_now - interval '1 day';
    get diagnostics n = row_count;
    what := 'rate_limit_hits'; removed := n; return next;
    for o in select id from public.orgs loop
      perform set_config('app.org_id', o::text, true);
      if exists (select 1 from public.org_registrations
                  where org_id = o and created_at < p_now - interval '1 day')
         and not exists (select 1 from public.users where org_id = o) then
        delete from public.orgs where id = o;
        r := r + 1;
        continue;
      end if;
      delete from public.sessions
        where revoked_at < p_now - interval '30 days'
           or last_seen_at < p_now - interval '37 days'
           or created_at < p_now - interval '60 days';
      get diagnostics n = row_count; s := s + n;
      update public.outbox_emails
        set body_text = '', action_url = null, action_label = null,
            link_purpose = null, link_subject = null, link_pwv = null
        where created_at < p_now - interval '30 days' and status <> 'queued'
          and (body_text <> '' or action_url is not null or link_purpose is not null);
      get diagnostics n = row_count; m := m + n;
      delete from public.used_tokens where used_at < p_now - interval '30 days';
      get diagnostics n = row_count; t := t + n;
    end loop;
    perform set_config('app.org_id', '', true);
    what := 'sessions'; removed := s; return next;
    what := 'outbox_bodies'; removed := m; return next;
    what := 'used_tokens'; removed := t; return next;
    what := 'unconfirmed_registrations'; removed := r; return next;
  end
  $$;
