/**
 * SQL shared by the two kinds of signing secret that rotate with an overlap (a merchant's per
 * mode in `merchant_webhook_secrets`, an endpoint's in `webhook_endpoints`): both tables name
 * their columns `secret`, `previous_secret(_until)` and `older_secret(_until)`.
 */

/**
 * The `set` list of a rotation to the secret in parameter `secret` (e.g. `$3`), the current one
 * signing beside it for `overlapSeconds` (a parameter too). A rotation during an overlap keeps the
 * secret before as well, until its own overlap ends.
 */
export const rotationSet = (secret: string, overlapSeconds: string) => `
       older_secret = case when previous_secret_until > now() then previous_secret
                      when older_secret_until > now() then older_secret end,
       older_secret_until = case when previous_secret_until > now() then previous_secret_until
                            when older_secret_until > now() then older_secret_until end,
       previous_secret = secret, secret = ${secret},
       previous_secret_until = now() + make_interval(secs => ${overlapSeconds})`;

/**
 * The secrets of row `alias` that sign now, as an SQL array: the current one, then those whose
 * overlap lasts (null where none).
 */
export const signingSecrets = (alias: string) =>
  `array[${alias}.secret,
         case when ${alias}.previous_secret_until > now() then ${alias}.previous_secret end,
         case when ${alias}.older_secret_until > now() then ${alias}.older_secret end]`;
