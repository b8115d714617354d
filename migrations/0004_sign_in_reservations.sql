-- Sign-in throttling made atomic (issue 11, item 1): an attempt is reserved as 'pending'
-- under advisory locks on the IP and the email before the password is checked, and
-- settled to 'success' or 'failure' after. Pending attempts count against the per-IP
-- limit and make every other attempt on the same account wait (one in flight).
alter table login_attempts drop constraint login_attempts_outcome_check;
alter table login_attempts add constraint login_attempts_outcome_check
  check (outcome in ('success', 'failure', 'blocked', 'pending'));
grant update (outcome) on login_attempts to propertypro_app;
create index login_attempts_pending_idx on login_attempts (lower(email), at) where outcome = 'pending';
