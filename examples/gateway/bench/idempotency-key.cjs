// Gives each create request of a load run its own Idempotency-Key. A file, because autocannon's
// worker thread loads request hooks by path; each load of it (one per worker) takes a new prefix.
const { randomUUID } = require('node:crypto');

const prefix = `bench-${randomUUID()}-`;
let next = 0;

module.exports = (request) => ({
  ...request,
  headers: { ...request.headers, 'idempotency-key': `${prefix}${next++}` },
});
