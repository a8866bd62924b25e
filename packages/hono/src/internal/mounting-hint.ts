/** What `body_already_parsed` tells a Hono user to change. */
export const mountingHint =
  'Hono kept no exact copy of it. Mount malipoWebhook and darajaCallback before middleware that reads c.req.raw, or have that middleware read with c.req.text(), c.req.json() or c.req.arrayBuffer(), whose bytes Hono keeps.';
