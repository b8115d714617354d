-- Step-up authentication (product.md "Accounts": changing the password, managing users and
-- roles and exporting data ask for the password again when the last sign-in is older than
-- 15 minutes). A session's last proof of the password is the later of its sign-in
-- (created_at) and this.
alter table sessions add column reauthenticated_at timestamptz;
