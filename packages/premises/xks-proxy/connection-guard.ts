import { BlockList, isIPv4, isIPv6, type Socket } from 'node:net';

/*
 * What the proxy holds open for callers it has not yet authenticated, decided on the raw
 * TCP socket before TLS: at most `perSourceLimit` connections per source address (the
 * load balancer's addresses, through which all of KMS's traffic comes over a VPC endpoint
 * service, are exempt), every socket known so that a shutdown can destroy it, and which
 * sockets finished their TLS handshake, so that an error on one that never did destroys it
 * instead of queueing a response behind a handshake that will never finish.
 */

export interface ConnectionGuardOptions {
  /** Connections one source address may hold open at once. */
  readonly perSourceLimit: number;
  /** CIDRs (IPv4 or IPv6) exempt from the per-source limit: the load balancer's subnets. */
  readonly exemptSources: readonly string[];
}

/** `::ffff:10.0.0.1` is `10.0.0.1`: a dual-stack listener reports IPv4 callers that way. */
export function sourceAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Parses `a.b.c.d/n` or `x::y/n`; undefined for anything else. */
export function parseCidr(cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return undefined;
  const [, address, bits] = match;
  const prefix = Number(bits);
  if (isIPv4(address) && prefix <= 32) return { address, prefix, family: 'ipv4' };
  if (isIPv6(address) && prefix <= 128) return { address, prefix, family: 'ipv6' };
  return undefined;
}

/**
 * What the per-source limit counts by: an IPv4 address, or an IPv6 /64 (one host commonly
 * holds a whole /64, so counting single IPv6 addresses would not limit anyone).
 */
export function sourceKey(address: string): string {
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros: string[] = Array.from({ length: 8 - left.length - right.length }, () => '0');
  const groups: string[] = address.includes('::') ? [...left, ...zeros, ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class ConnectionGuard {
  private readonly exempt = new BlockList();
  private readonly perSource = new Map<string, number>();
  private readonly open = new Set<Socket>();
  private readonly secured = new WeakSet<object>();

  constructor(private readonly options: ConnectionGuardOptions) {
    for (const cidr of options.exemptSources) {
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`exempt source ${cidr} is not a CIDR such as 10.0.0.0/16`);
      this.exempt.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  /** Whether `address` is exempt from the per-source limit. */
  public isExempt(address: string | undefined): boolean {
    const source = sourceAddress(address);
    if (source === undefined) return false;
    return this.exempt.check(source, isIPv4(source) ? 'ipv4' : 'ipv6');
  }

  /**
   * Admits a new raw socket, or returns false when its source already holds its limit (the
   * caller destroys it). Every admitted socket is tracked until it closes.
   */
  public admit(socket: Socket): boolean {
    const address = sourceAddress(socket.remoteAddress) ?? 'unknown';
    const exempt = this.isExempt(address);
    const source = sourceKey(address);
    if (!exempt && (this.perSource.get(source) ?? 0) >= this.options.perSourceLimit) return false;
    if (!exempt) this.perSource.set(source, (this.perSource.get(source) ?? 0) + 1);
    this.open.add(socket);
    socket.once('close', () => {
      this.open.delete(socket);
      if (exempt) return;
      const left = (this.perSource.get(source) ?? 1) - 1;
      if (left <= 0) this.perSource.delete(source);
      else this.perSource.set(source, left);
    });
    return true;
  }

  /** Marks a TLS socket whose handshake finished. */
  public markSecured(socket: object): void {
    this.secured.add(socket);
  }

  public isSecured(socket: object): boolean {
    return this.secured.has(socket);
  }

  /** Open sockets, for tests and health. */
  public get openCount(): number {
    return this.open.size;
  }

  /** Destroys every socket still open: a shutdown waits for nobody. */
  public destroyAll(): void {
    for (const socket of this.open) socket.destroy();
  }
}
