-- Listings (product.md "Listings"): the listing, its status history and photos; AI listing
-- copy with versions; the org's Fair Housing phrase list; AI usage; job enqueueing.

create type listing_status as enum (
  'draft', 'coming_soon', 'active', 'under_contract', 'sold', 'rented', 'withdrawn', 'expired'
);
create type property_type as enum (
  'house', 'condo', 'townhouse', 'apartment', 'multi_family', 'villa', 'penthouse', 'land'
);

-- Org-level settings for listings and AI copy.
alter table orgs
  add column mls_char_limit integer not null default 1000 check (mls_char_limit between 200 and 5000),
  -- set once the default Fair Housing phrases were copied in, so deleting them all sticks
  add column fair_housing_seeded_at timestamptz;

create table listings (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  -- the listing agent (owner); brokers see their team's, admins and viewers the org's
  agent_id uuid not null,
  title text not null check (char_length(title) between 3 and 120),
  property_type property_type not null,
  status listing_status not null default 'draft',
  -- USD cents; $1,000-$100,000,000 (product.md)
  price_cents bigint not null check (price_cents between 100000 and 10000000000),
  bedrooms smallint not null check (bedrooms between 0 and 20),
  -- half units: 5 = 2.5 baths (RESO BathroomsTotal)
  bathroom_halves smallint not null check (bathroom_halves between 0 and 40),
  living_area_sqft integer check (living_area_sqft between 100 and 50000),
  lot_size_sqft integer check (lot_size_sqft between 1 and 43560000),
  year_built smallint check (year_built between 1800 and 2100),
  street text not null check (char_length(street) between 3 and 120),
  city text not null check (char_length(city) between 2 and 80),
  state text not null check (state ~ '^[A-Z]{2}$'),
  postal_code text not null check (postal_code ~ '^[0-9]{5}(-[0-9]{4})?$'),
  -- normalised street + ZIP (shared::listing::ListingInput::address_key)
  address_key text not null,
  description text not null default '' check (char_length(description) <= 5000),
  features text[] not null default '{}',
  archived_at timestamptz,
  photo_count smallint not null default 0,
  -- the first photo's thumbnail, for cards without a join
  cover_photo_id uuid,
  created_by uuid not null,
  created_at timestamptz not null,
  updated_at timestamptz not null default now(),
  status_changed_at timestamptz not null,
  -- full-text search over title, address and description (simple config: no stemming,
  -- so prefix search on names and street words behaves as people expect)
  search tsvector generated always as (
    setweight(to_tsvector('simple', title), 'A')
    || setweight(to_tsvector('simple', street || ' ' || city || ' ' || state || ' ' || postal_code), 'A')
    || setweight(to_tsvector('simple', description), 'B')
  ) stored,
  constraint listings_pkey primary key (org_id, id),
  constraint listings_id_key unique (id),
  constraint listings_agent_fkey foreign key (org_id, agent_id) references users (org_id, id),
  constraint listings_created_by_fkey foreign key (org_id, created_by) references users (org_id, id)
);
create trigger listings_updated_at before update on listings for each row execute function trigger_updated_at();
-- one live listing per address per agent (product.md)
create unique index listings_agent_address_key on listings (org_id, agent_id, address_key) where archived_at is null;
-- keyset pagination for each sort, org-wide (admins) and per agent
create index listings_newest_idx on listings (org_id, created_at desc, id desc) where archived_at is null;
create index listings_price_idx on listings (org_id, price_cents, id) where archived_at is null;
create index listings_beds_idx on listings (org_id, bedrooms, id) where archived_at is null;
create index listings_agent_newest_idx on listings (org_id, agent_id, created_at desc, id desc);
create index listings_search_idx on listings using gin (search);
-- comparables for pricing: same type and postal code / city
create index listings_comps_idx on listings (org_id, property_type, postal_code) where archived_at is null;

create table listing_status_history (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  listing_id uuid not null,
  from_status listing_status,
  to_status listing_status not null,
  changed_by uuid not null,
  changed_at timestamptz not null,
  constraint listing_status_history_pkey primary key (org_id, id),
  constraint listing_status_history_listing_fkey foreign key (org_id, listing_id) references listings (org_id, id) on delete cascade
);
create index listing_status_history_listing_idx on listing_status_history (org_id, listing_id, changed_at);

create table listing_photos (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  listing_id uuid not null,
  -- 0-based; the first is the cover
  position smallint not null check (position between 0 and 19),
  storage_key text not null,
  thumb_key text not null,
  width integer not null,
  height integer not null,
  bytes integer not null,
  original_name text not null default '',
  created_by uuid not null,
  created_at timestamptz not null,
  constraint listing_photos_pkey primary key (org_id, id),
  constraint listing_photos_id_key unique (id),
  constraint listing_photos_listing_fkey foreign key (org_id, listing_id) references listings (org_id, id) on delete cascade,
  -- deferrable: reordering swaps positions inside one statement/transaction
  constraint listing_photos_position_key unique (org_id, listing_id, position) deferrable initially deferred
);

-- One row per listing and content kind: the current state of that text.
create table listing_texts (
  org_id uuid not null references orgs (id) on delete cascade,
  listing_id uuid not null,
  kind text not null check (kind in ('description', 'mls_remarks', 'instagram', 'facebook', 'linkedin', 'email', 'flyer', 'open_house')),
  -- queued | writing | ready | failed
  state text not null check (state in ('queued', 'writing', 'ready', 'failed')),
  error text,
  -- the generation the job must write (idempotency: a version row per request)
  request_id uuid,
  requested_by uuid,
  requested_at timestamptz,
  tone text not null default 'professional',
  audience text not null default 'buyers',
  open_house_when text,
  current_version integer,
  approved_version integer,
  approved_by uuid,
  approved_at timestamptz,
  -- a significant listing field changed after this text was written (seed 002 L2166)
  stale boolean not null default false,
  updated_at timestamptz not null default now(),
  constraint listing_texts_pkey primary key (org_id, listing_id, kind),
  constraint listing_texts_listing_fkey foreign key (org_id, listing_id) references listings (org_id, id) on delete cascade
);
create trigger listing_texts_updated_at before update on listing_texts for each row execute function trigger_updated_at();

create table listing_text_versions (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  listing_id uuid not null,
  kind text not null,
  version integer not null,
  subject text,
  body text not null,
  -- generated | edited
  origin text not null check (origin in ('generated', 'edited')),
  -- for generated: the generation request (unique: a retried job writes nothing twice)
  request_id uuid,
  provider text,
  model text,
  tone text,
  audience text,
  tokens_in integer,
  tokens_out integer,
  cost_micro_usd bigint,
  latency_ms integer,
  fallback_reason text,
  word_count integer not null,
  -- { fair_housing: [Hit], grounding: [GroundingFlag], length: [String] }
  checks jsonb not null default '{}'::jsonb,
  created_by uuid,
  created_at timestamptz not null,
  constraint listing_text_versions_pkey primary key (org_id, id),
  constraint listing_text_versions_version_key unique (org_id, listing_id, kind, version),
  constraint listing_text_versions_request_key unique (org_id, request_id),
  constraint listing_text_versions_text_fkey foreign key (org_id, listing_id, kind) references listing_texts (org_id, listing_id, kind) on delete cascade
);

create table fair_housing_phrases (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  phrase text not null check (char_length(phrase) between 2 and 80),
  category text not null,
  reason text not null check (char_length(reason) between 5 and 300),
  created_at timestamptz not null default now(),
  constraint fair_housing_phrases_pkey primary key (org_id, id),
  constraint fair_housing_phrases_phrase_key unique (org_id, phrase)
);

-- Every AI request (product.md: tokens, cost recorded per request, shown to admins);
-- also the source of the per-user and per-org hourly limits.
create table ai_usage (
  org_id uuid not null references orgs (id) on delete cascade,
  id uuid not null,
  user_id uuid,
  listing_id uuid,
  purpose text not null,
  provider text,
  model text,
  tokens_in integer not null default 0,
  tokens_out integer not null default 0,
  cost_micro_usd bigint not null default 0,
  latency_ms integer not null default 0,
  -- pending (queued) | ok | fallback | failed
  outcome text not null default 'pending',
  created_at timestamptz not null,
  finished_at timestamptz,
  constraint ai_usage_pkey primary key (org_id, id)
);
create index ai_usage_user_idx on ai_usage (org_id, user_id, created_at);
create index ai_usage_org_idx on ai_usage (org_id, created_at);

do $$
declare t text;
begin
  foreach t in array array['listings', 'listing_status_history', 'listing_photos', 'listing_texts',
                           'listing_text_versions', 'fair_housing_phrases', 'ai_usage'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I using (org_id = app_current_org()) with check (org_id = app_current_org())', t || '_isolation', t);
  end loop;
end $$;

grant select, insert, update on listings to propertypro_app;
grant select, insert on listing_status_history to propertypro_app;
grant select, insert, update, delete on listing_photos to propertypro_app;
grant select, insert, update on listing_texts to propertypro_app;
grant select, insert on listing_text_versions to propertypro_app;
grant select, insert, update, delete on fair_housing_phrases to propertypro_app;
grant select, insert, update on ai_usage to propertypro_app;

-- Jobs (engineering.md: graphile_worker). The worker installs its own schema at start-up;
-- the app role may only enqueue, through this function, inside its own transaction, so a
-- job exists if and only if the change that asked for it committed. plpgsql resolves
-- graphile_worker.add_job at call time, after the worker has migrated.
create function app_enqueue_job(p_identifier text, p_payload json, p_job_key text default null)
  returns void
  language plpgsql security definer set search_path = pg_catalog, public
  as $$
  begin
    perform graphile_worker.add_job(p_identifier, p_payload, job_key => p_job_key, max_attempts => 5);
  end
  $$;
revoke all on function app_enqueue_job(text, json, text) from public;
grant execute on function app_enqueue_job(text, json, text) to propertypro_app;
