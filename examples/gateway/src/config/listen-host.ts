import { isIP } from 'node:net';
import * as z from 'zod';

/** A DNS name: dot-separated labels of letters, digits and inner hyphens. */
const hostName =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * An address to listen on: an IP address or a host name. Dotted numbers that are no IPv4 address
 * (`999.1.1.1`) are refused here rather than sent to DNS, whose "not found" would come at listen.
 * Whether the address belongs to this machine is only known at listen (`EADDRNOTAVAIL`).
 */
export const listenHost = z
  .string()
  .refine(
    (value) => isIP(value) !== 0 || (hostName.test(value) && !/^[\d.]+$/.test(value)),
    'expected an IP address of this machine or a host name: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).',
  );
