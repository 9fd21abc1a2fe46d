/**
 * Outbound URLs a partner gave us (listener callbacks) are an SSRF risk: the server would call
 * whatever they name. In production (allowPrivate false) only https is allowed, to hosts whose
 * every address is public; the check runs when the URL is registered and again at connect time
 * (the lookup below is the one the socket uses, so a name that re-resolves to a private address
 * later is refused too). Anything unclear (no answer from DNS, an odd address) is refused.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, bits, 'ipv6');

/** A public unicast address (IPv4-mapped IPv6 judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip);
  if (family === 0) return false;
  return !blocked.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export interface UrlPolicy {
  /** Development and tests: http, loopback and private addresses allowed. Never in production. */
  allowPrivate: boolean;
}

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** The URL, parsed, if its form is acceptable (scheme, no credentials, a host); throws UnsafeUrlError otherwise. */
export function parseOutboundUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) throw new UnsafeUrlError(policy.allowPrivate ? 'must be http or https' : 'must be https');
  if (url.username || url.password) throw new UnsafeUrlError('must not carry credentials');
  if (!url.hostname) throw new UnsafeUrlError('must name a host');
  if (raw.length > 2000) throw new UnsafeUrlError('is too long');
  return url;
}

const lookupAll = (host: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** Checks the URL's form and, unless private addresses are allowed, that every address of its host is public. */
export async function checkOutboundUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  const url = parseOutboundUrl(raw, policy);
  if (policy.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookupAll(host);
  } catch {
    throw new UnsafeUrlError('its host does not resolve');
  }
  if (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))) throw new UnsafeUrlError('its host is not a public address');
  return url;
}

/** A socket lookup that refuses non-public addresses (used for every connection in production). */
export function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => !isPublicAddress(a.address));
      if (list.length === 0 || bad) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a non-public address`), { code: 'EADDRNOTPUBLIC' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
