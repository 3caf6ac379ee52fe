// Whether a bind address keeps the server to this machine. Anonymous Teams mode (no Bot
// Framework authentication) is allowed only there, so it is decided once, for the configuration
// check and the adapter alike.
import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`; 0.0.0.0 and :: listen everywhere. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  const mapped = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  if (isIP(mapped) === 4) return mapped.split('.')[0] === '127';
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}
