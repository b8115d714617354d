-- Platform services (issue 13): one function that makes a table a tenant table (new
-- migrations call it instead of pasting the RLS block), jobs with their own attempt
-- limit and start time, mail delivery attempts, and the cached pricing explanation.

-- A tenant table: RLS enabled and forced, one isolation policy on the org in the
-- transaction's `app.org_id`. Grants stay explicit in each migration (only the verbs
-- the app needs). Usage: select app_tenant_table('clients');
create function app_tenant_table(p_table regclass) returns void
  language plpgsql set search_path = pg_catalog, public, pg_temp
  as $$
  begin
    execute format('alter table %s enable row level security', p_table);
    execute format('alter table %s force row level security', p_table);
    execute format(
      'create policy %I on %s using (org_id = app_current_org()) with check (org_id = app_current_org())',
      p_table::text || '_isolation', p_table);
  end
  $$;
revoke all on function app_tenant_table(regclass) from public;

-- Jobs: the app enqueues inside its own transaction with a typed job's attempt limit
-- and, for delayed work, a start time (graphile_worker backs off exponentially between
-- attempts). The three-argument form stays for jobs queued before this migration.
create function app_enqueue_job(p_identifier text, p_payload json, p_job_key text,
                                p_max_attempts int, p_run_at timestamptz)
  returns void
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp
  as $$
  begin
    perform graphile_worker.add_job(p_identifier, p_payload, job_key => p_job_key,
                                    max_attempts => p_max_attempts, run_at => p_run_at);
  end
  $$;
revoke all on function app_enqueue_job(text, json, text, int, timestamptz) from public;
grant execute on function app_enqueue_job(text, json, text, int, timestamptz) to propertypro_app;

-- Mail is delivered by a job: 'queued' until the delivery answers, retried with
-- backoff; 'failed' only after the last attempt. Attempts and the last error are kept.
alter table outbox_emails drop constraint outbox_emails_status_check;
alter table outbox_emails add constraint outbox_emails_status_check
  check (status in ('outbox', 'queued', 'sent', 'failed'));
alter table outbox_emails add column attempts int not null default 0;
alter table outbox_emails add column last_attempt_at timestamptz;

-- The AI's words for a price suggestion, written once per set of comparables (the key
-- is a hash of the suggestion's inputs) by a job, never during a page render.
create table listing_price_explanations (
  org_id uuid not null references orgs (id) on delete cascade,
  listing_id uuid not null,
  comparables_key text not null,
  body text,
  provider text,
  model text,
  fallback_reason text,
  requested_at timestamptz not null,
  written_at timestamptz,
  constraint listing_price_explanations_pkey primary key (org_id, listing_id),
  constraint listing_price_explanations_listing_fkey foreign key (org_id, listing_id)
    references listings (org_id, id) on delete cascade
);
select app_tenant_table('listing_price_explanations');
grant select, insert, update on listing_price_explanations to propertypro_app;

-- RESO GarageSpaces (issue 13 item 5).
alter table listings add column garage_spaces smallint
  check (garage_spaces between 0 and 20);

-- Retention (engineering.md "Retention"), run daily by the `purge_expired` job:
-- sign-in attempts 30 days; sessions 30 days after they ended (revoked, idle 7 days,
-- or 30 days old); the bodies and links of sent or kept emails after 30 days (the row
-- stays as a record: to, subject, status); used single-use tokens after 30 days (every
-- link expires sooner). The owner may read every org (`orgs_auth_lookup`); each
-- org's rows are changed under its own `app.org_id`, so RLS still applies.
create function app_purge_expired(p_now timestamptz)
  returns table (what text, removed bigint)
  language plpgsql security definer set search_path = pg_catalog, public, pg_temp
  as $$
  declare
    o uuid;
    n bigint;
    s bigint := 0;
    m bigint := 0;
    t bigint := 0;
  begin
    delete from public.login_attempts where at < p_now - interval '30 days';
    get diagnostics n = row_count;
    what := 'login_attempts'; removed := n; return next;
    for o in select id from public.orgs loop
      perform set_config('app.org_id', o::text, true);
      delete from public.sessions
        where revoked_at < p_now - interval '30 days'
           or last_seen_at < p_now - interval '37 days'
           or created_at < p_now - interval '60 days';
      get diagnostics n = row_count; s := s + n;
      update public.outbox_emails set body_text = '', action_url = null, action_label = null
        where created_at < p_now - interval '30 days' and status <> 'queued'
          and (body_text <> '' or action_url is not null);
      get diagnostics n = row_count; m := m + n;
      delete from public.used_tokens where used_at < p_now - interval '30 days';
      get diagnostics n = row_count; t := t + n;
    end loop;
    perform set_config('app.org_id', '', true);
    what := 'sessions'; removed := s; return next;
    what := 'outbox_bodies'; removed := m; return next;
    what := 'used_tokens'; removed := t; return next;
  end
  $$;
revoke all on function app_purge_expired(timestamptz) from public;
grant execute on function app_purge_expired(timestamptz) to propertypro_app;
