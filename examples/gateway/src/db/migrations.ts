/**
 * Schema migrations, in order. Append only: a migration that has run is never edited. Money is
 * `bigint` cents; every status column has a CHECK so no code path can store an unknown state.
 */
export const migrations: readonly { id: string; sql: string }[] = [
  {
    id: '001_init',
    sql: `
create table merchants (
  id text primary key,
  name text not null,
  webhook_secret text not null,
  created_at timestamptz not null default now()
);

create table api_keys (
  id text primary key,
  merchant_id text not null references merchants(id),
  key text not null unique,
  secret_hash text not null,
  mode text not null check (mode in ('test', 'live')),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table settings (
  name text primary key,
  value text not null
);

create table payments (
  id text primary key,
  merchant_id text not null references merchants(id),
  mode text not null check (mode in ('test', 'live')),
  status text not null check (status in ('PENDING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED')),
  amount_cents bigint not null check (amount_cents > 0),
  amount_captured_cents bigint not null default 0,
  amount_refunded_cents bigint not null default 0,
  currency text not null,
  provider text not null,
  phone text,
  metadata jsonb not null default '{}',
  callback_url text,
  provider_reference text unique,
  merchant_request_id text,
  receipt text,
  failure_code text,
  failure_message text,
  flagged_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payments_merchant_created on payments (merchant_id, created_at desc, id desc);
create index payments_pending on payments (created_at) where status = 'PENDING';

create table payment_transitions (
  id bigserial primary key,
  payment_id text not null references payments(id),
  from_status text,
  to_status text not null,
  reason text not null,
  data jsonb,
  created_at timestamptz not null default now()
);
create index payment_transitions_payment on payment_transitions (payment_id, id);

create table idempotency_keys (
  merchant_id text not null references merchants(id),
  key text not null,
  request_hash text not null,
  state text not null check (state in ('in_flight', 'done')),
  response_status int,
  response_body text,
  resource_id text,
  locked_until timestamptz not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (merchant_id, key)
);

create table mpesa_callbacks (
  id text primary key,
  checkout_request_id text,
  body text not null,
  remote_address text,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  outcome text
);
create index mpesa_callbacks_checkout on mpesa_callbacks (checkout_request_id);

create table webhook_endpoints (
  id text primary key,
  merchant_id text not null references merchants(id),
  url text not null,
  description text,
  secret text not null,
  enabled_events text[] not null default '{*}',
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);

create table events (
  id text primary key,
  merchant_id text not null references merchants(id),
  type text not null,
  payment_id text references payments(id),
  body text not null,
  created_at timestamptz not null default now()
);
create index events_payment on events (payment_id);

create table webhook_deliveries (
  id text primary key,
  event_id text not null references events(id),
  merchant_id text not null references merchants(id),
  endpoint_id text references webhook_endpoints(id),
  url text not null,
  status text not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
  attempts int not null default 0,
  next_attempt_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (event_id, url)
);
create index webhook_deliveries_merchant on webhook_deliveries (merchant_id, created_at desc, id desc);

create table webhook_attempts (
  id bigserial primary key,
  delivery_id text not null references webhook_deliveries(id),
  attempt int not null,
  status_code int,
  response_excerpt text,
  duration_ms int not null,
  error text,
  attempted_at timestamptz not null default now(),
  unique (delivery_id, attempt)
);
`,
  },
  {
    id: '002_daraja_tokens',
    sql: `
create table daraja_tokens (
  key text primary key,
  access_token text not null,
  obtained_at bigint not null,
  expires_at bigint not null
);
`,
  },
  {
    // The request currently holding an idempotency key: every write it makes under the key is
    // fenced on it, so a request that outlived its lock cannot overwrite its successor's work.
    id: '003_idempotency_owner',
    sql: `
alter table idempotency_keys add column owner text;
`,
  },
  {
    // A deleted endpoint receives nothing more: its pending deliveries end CANCELLED, with why.
    id: '004_cancelled_deliveries',
    sql: `
alter table webhook_deliveries drop constraint webhook_deliveries_status_check;
alter table webhook_deliveries add constraint webhook_deliveries_status_check
  check (status in ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'));
alter table webhook_deliveries add column cancelled_reason text;
`,
  },
  {
    // Modes, Stripe's way: every object belongs to test or live and a key sees only its own.
    // Rows from before are test mode, but for events and deliveries of live payments. Lists
    // always filter by mode now, so the mode-led indexes replace the older ones.
    id: '005_modes',
    sql: `
alter table events add column mode text not null default 'test' check (mode in ('test', 'live'));
alter table webhook_deliveries add column mode text not null default 'test' check (mode in ('test', 'live'));
alter table webhook_endpoints add column mode text not null default 'test' check (mode in ('test', 'live'));
alter table mpesa_callbacks add column mode text not null default 'test' check (mode in ('test', 'live'));
alter table idempotency_keys add column mode text not null default 'test' check (mode in ('test', 'live'));
update events e set mode = p.mode from payments p where e.payment_id = p.id and p.mode <> 'test';
update webhook_deliveries d set mode = e.mode from events e where d.event_id = e.id and e.mode <> 'test';
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (merchant_id, mode, key);
create index payments_merchant_mode_created on payments (merchant_id, mode, created_at desc, id desc);
drop index payments_merchant_created;
create index webhook_deliveries_merchant_mode on webhook_deliveries (merchant_id, mode, created_at desc, id desc);
drop index webhook_deliveries_merchant;
`,
  },
  {
    // Webhook secret rotation: the previous secret keeps signing beside the new one until then.
    id: '006_webhook_secret_rotation',
    sql: `
alter table merchants add column previous_webhook_secret text;
alter table merchants add column previous_webhook_secret_until timestamptz;
`,
  },
  {
    // Money out: payouts (B2C) and refunds (reversal or B2C), each PENDING until M-Pesa's
    // asynchronous result settles it; the raw results kept like STK callbacks; the M-Pesa
    // account balance as last reported. M-Pesa payments are captured when paid, and a payment can
    // never be refunded past its amount, whatever the code does.
    id: '007_money_out',
    sql: `
update payments set amount_captured_cents = amount_cents
  where status = 'COMPLETED' and amount_captured_cents = 0;
alter table payments add constraint payments_refund_bound
  check (amount_refunded_cents >= 0 and amount_refunded_cents <= amount_cents);

create table payouts (
  id text primary key,
  merchant_id text not null references merchants(id),
  mode text not null check (mode in ('test', 'live')),
  status text not null check (status in ('PENDING', 'COMPLETED', 'FAILED')),
  amount_cents bigint not null check (amount_cents > 0),
  currency text not null,
  phone text not null,
  recipient_name text,
  description text,
  metadata jsonb not null default '{}',
  callback_url text,
  originator_conversation_id text not null unique,
  provider_reference text,
  receipt text,
  failure_code text,
  failure_message text,
  flagged_reason text,
  status_checked_at timestamptz,
  queue_timeout_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payouts_merchant_mode_created on payouts (merchant_id, mode, created_at desc, id desc);
create index payouts_pending on payouts (created_at) where status = 'PENDING';

create table refunds (
  id text primary key,
  payment_id text not null references payments(id),
  merchant_id text not null references merchants(id),
  mode text not null check (mode in ('test', 'live')),
  status text not null check (status in ('PENDING', 'PROCESSED', 'FAILED')),
  method text not null check (method in ('MPESA_REVERSAL', 'MPESA_B2C')),
  amount_cents bigint not null check (amount_cents > 0),
  currency text not null,
  phone text,
  reason text,
  metadata jsonb not null default '{}',
  originator_conversation_id text not null unique,
  provider_reference text,
  receipt text,
  failure_code text,
  failure_message text,
  flagged_reason text,
  status_checked_at timestamptz,
  queue_timeout_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index refunds_payment_created on refunds (payment_id, created_at desc, id desc);
create index refunds_pending on refunds (created_at) where status = 'PENDING';

create table transfer_transitions (
  id bigserial primary key,
  transfer_id text not null,
  from_status text,
  to_status text not null,
  reason text not null,
  data jsonb,
  created_at timestamptz not null default now()
);
create index transfer_transitions_transfer on transfer_transitions (transfer_id, id);

create table mpesa_results (
  id text primary key,
  mode text not null check (mode in ('test', 'live')),
  kind text not null check (kind in ('result', 'timeout')),
  purpose text not null check (purpose in ('payout', 'refund', 'status', 'balance')),
  target_id text,
  body text not null,
  remote_address text,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  outcome text
);
create index mpesa_results_target on mpesa_results (target_id);

create table mpesa_balances (
  mode text primary key check (mode in ('test', 'live')),
  utility_available_cents bigint,
  working_available_cents bigint,
  reported_at timestamptz,
  requested_at timestamptz
);
`,
  },
  {
    // Hosted checkout: a session is OPEN until one of its payment attempts completes (COMPLETED)
    // or it passes its expiry with no attempt in flight (EXPIRED). The customer may try again
    // after a cancelled or failed attempt, but the database itself allows one attempt in flight
    // and one completed payment per session: a double click never prompts twice, and a session is
    // never paid twice.
    id: '008_checkout_sessions',
    sql: `
create table checkout_sessions (
  id text primary key,
  merchant_id text not null references merchants(id),
  mode text not null check (mode in ('test', 'live')),
  status text not null check (status in ('OPEN', 'COMPLETED', 'EXPIRED')),
  amount_cents bigint not null check (amount_cents > 0),
  currency text not null,
  description text,
  success_url text not null,
  cancel_url text not null,
  failure_url text,
  allowed_origins jsonb not null default '[]',
  locale text not null check (locale in ('en', 'sw')),
  customer_phone text,
  metadata jsonb not null default '{}',
  payment_id text references payments(id),
  attempts int not null default 0,
  expires_at timestamptz not null,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'COMPLETED') = (payment_id is not null))
);
create index checkout_sessions_open on checkout_sessions (expires_at) where status = 'OPEN';
create index checkout_sessions_merchant_mode_created
  on checkout_sessions (merchant_id, mode, created_at desc, id desc);

alter table payments add column checkout_session_id text references checkout_sessions(id);
create unique index payments_session_in_flight on payments (checkout_session_id)
  where status = 'PENDING';
create unique index payments_session_completed on payments (checkout_session_id)
  where status = 'COMPLETED';
`,
  },
  {
    // The merchant dashboard: one-time sign-in links (printed by the CLI) and browser sessions,
    // both stored as SHA-256 hashes of random tokens (never the tokens). Webhook endpoints can be
    // paused (kept, but sent nothing new) and their signing secret rotated with an overlap, as
    // the merchant-wide secret can.
    id: '009_dashboard',
    sql: `
create table dashboard_login_links (
  token_hash text primary key,
  merchant_id text not null references merchants(id),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table dashboard_sessions (
  token_hash text primary key,
  merchant_id text not null references merchants(id),
  mode text not null check (mode in ('test', 'live')),
  csrf_token text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index dashboard_sessions_expiry on dashboard_sessions (expires_at);

alter table webhook_endpoints add column disabled_at timestamptz;
alter table webhook_endpoints add column previous_secret text;
alter table webhook_endpoints add column previous_secret_until timestamptz;
`,
  },
  {
    // Card payments (BUNI): what may be kept of a card, and nothing more. The number and the CVV
    // are never stored; the brand, the last four digits and the expiry are.
    id: '010_card_payments',
    sql: `
alter table payments add column card_brand text;
alter table payments add column card_last4 text check (card_last4 ~ '^[0-9]{4}$');
alter table payments add column card_exp_month int check (card_exp_month between 1 and 12);
alter table payments add column card_exp_year int check (card_exp_year between 2000 and 2099);
`,
  },
  {
    // Card authorisations: AUTHORIZED holds the amount until it is captured (all or part),
    // voided, or expires at authorized_until. Card refunds go back to the card.
    id: '011_card_authorisations',
    sql: `
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check
  check (status in ('PENDING', 'AUTHORIZED', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'));
alter table payments add column authorized_until timestamptz;
create index payments_authorized on payments (authorized_until) where status = 'AUTHORIZED';
alter table refunds drop constraint refunds_method_check;
alter table refunds add constraint refunds_method_check
  check (method in ('MPESA_REVERSAL', 'MPESA_B2C', 'CARD_REFUND'));
`,
  },
  {
    // The process holding an idempotency key (PostgreSQL): the id of its session advisory lock,
    // so a retry takes over at once a key whose process died. Null on PGlite (one process).
    id: '012_idempotency_holders',
    sql: `
alter table idempotency_keys add column holder integer;
`,
  },
  {
    // Callbacks and results are their own outbox: acknowledged after one insert, queued by the
    // ingest relay. Rows already here were queued when they arrived.
    id: '013_ingest_relay',
    sql: `
alter table mpesa_callbacks add column queued_at timestamptz;
update mpesa_callbacks set queued_at = received_at;
create index mpesa_callbacks_unqueued on mpesa_callbacks (received_at) where queued_at is null;
alter table mpesa_results add column queued_at timestamptz;
update mpesa_results set queued_at = received_at;
create index mpesa_results_unqueued on mpesa_results (received_at) where queued_at is null;
`,
  },
  {
    // The metrics' processing lag reads the oldest stored body not yet processed: indexed, so a
    // scrape stays cheap however many callbacks are kept.
    id: '014_unprocessed_indexes',
    sql: `
create index mpesa_callbacks_unprocessed on mpesa_callbacks (received_at) where processed_at is null;
create index mpesa_results_unprocessed on mpesa_results (received_at) where processed_at is null;
`,
  },
  {
    // Webhook deliveries and early polls leave the request's statement as rows, not jobs: a state
    // change records its event and deliveries in one statement, and the relay queues deliveries
    // not yet queued and polls that are due. Rows already here were queued when they were made;
    // payments already pending keep the poll jobs they have.
    id: '015_delivery_and_poll_outbox',
    sql: `
alter table webhook_deliveries add column queued_at timestamptz default now();
update webhook_deliveries set queued_at = created_at;
create index webhook_deliveries_unqueued on webhook_deliveries (created_at) where queued_at is null;
alter table payments add column next_poll_at timestamptz;
alter table payments add column poll_step int not null default 0;
create index payments_polls_due on payments (next_poll_at) where next_poll_at is not null;
`,
  },
  {
    // A delivery a process of a version before 015 records (without this column) queues its own
    // job: it must count as queued, or the outbox relay would queue it a second time. 015 now sets
    // this default itself (in the same transaction as the column); this is for databases where an
    // earlier text of 015 ran without it. Processes of the unreleased versions between the two
    // (which left the column out and relied on the relay) must be stopped before migrating.
    id: '016_delivery_queued_by_default',
    sql: `
alter table webhook_deliveries alter column queued_at set default now();
`,
  },
  {
    // Any change to API keys or merchants (their webhook secrets) notifies the gateway's
    // processes, which forget the keys they remembered (merchants/key-lookup.ts).
    id: '017_credentials_notify',
    sql: `
create function malipo_credentials_changed() returns trigger language plpgsql as $$ begin perform pg_notify('malipo_credentials', ''); return null; end $$;
create trigger api_keys_changed after insert or update or delete or truncate on api_keys for each statement execute function malipo_credentials_changed();
create trigger merchants_changed after insert or update or delete or truncate on merchants for each statement execute function malipo_credentials_changed();
`,
  },
  {
    // A second rotation during an overlap keeps both earlier secrets signing until their own
    // overlaps end (a resent form must not cut off the secret receivers still use); a delivery to
    // a URL that is both an endpoint and the object's callback_url is signed for both.
    id: '018_second_previous_secret',
    sql: `
alter table webhook_endpoints add column older_secret text, add column older_secret_until timestamptz;
alter table merchants add column older_webhook_secret text, add column older_webhook_secret_until timestamptz;
alter table webhook_deliveries add column also_callback_url boolean not null default false;
`,
  },
  {
    // A dashboard form whose work must not run twice (create a key or an endpoint, rotate a
    // secret, resend a delivery) carries a one-time value; a reload that sends it again is
    // refused. Spent values go with their session.
    id: '019_dashboard_form_uses',
    sql: `
create table dashboard_form_uses (
  session_hash text not null references dashboard_sessions(token_hash) on delete cascade,
  nonce text not null,
  used_at timestamptz not null default now(),
  primary key (session_hash, nonce)
);
`,
  },
  {
    // Test and live events are signed with different secrets, so a test event (anyone with a
    // test key can make one, with any callback_url) never verifies at a live receiver. Each
    // merchant's existing secret carries on in both modes (receivers keep working); rotating one
    // mode's secret separates them. Stop processes of earlier versions before migrating: they
    // read the merchant's columns this drops.
    id: '020_webhook_secret_per_mode',
    sql: `
create table merchant_webhook_secrets (
  merchant_id text not null references merchants(id),
  mode text not null check (mode in ('test', 'live')),
  secret text not null,
  previous_secret text,
  previous_secret_until timestamptz,
  older_secret text,
  older_secret_until timestamptz,
  primary key (merchant_id, mode)
);
insert into merchant_webhook_secrets
  (merchant_id, mode, secret, previous_secret, previous_secret_until, older_secret, older_secret_until)
select m.id, modes.mode, m.webhook_secret, m.previous_webhook_secret, m.previous_webhook_secret_until,
       m.older_webhook_secret, m.older_webhook_secret_until
from merchants m cross join (values ('test'), ('live')) as modes(mode);
alter table merchants drop column webhook_secret, drop column previous_webhook_secret,
  drop column previous_webhook_secret_until, drop column older_webhook_secret,
  drop column older_webhook_secret_until;
`,
  },
  {
    // When a payout or refund was last sent to Daraja: a status check asked before a send (a
    // retry resends a request a killed process may not have made) cannot prove that send moved
    // no money.
    id: '021_transfer_sent_at',
    sql: `
alter table payouts add column sent_at timestamptz;
alter table refunds add column sent_at timestamptz;
`,
  },
];
