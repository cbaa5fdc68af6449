import { hostname, networkInterfaces } from 'node:os';
import type { BuildAppOptions } from './app.ts';
import { publicUrlFromSetting, trustedProxiesFromSetting } from './public-address.ts';

/**
 * The address settings of `myotrophy serve`, from its environment:
 * MYOTROPHY_PUBLIC_URL (absolute links; its host is answered), MYOTROPHY_ALLOWED_HOSTS (more host
 * names, comma-separated), MYOTROPHY_TRUST_PROXY (a hop count or proxy CIDRs). Without a public
 * URL the server answers for the loopback names, this machine's name and the addresses of its
 * interfaces (when listening on all of them) or the address it listens on.
 */
export function serverAddressOptions(listenHost: string, env: NodeJS.ProcessEnv): BuildAppOptions {
  const publicUrl = publicUrlFromSetting(env.MYOTROPHY_PUBLIC_URL);
  const trustProxy = trustedProxiesFromSetting(env.MYOTROPHY_TRUST_PROXY);
  const configured = (env.MYOTROPHY_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const local = ['localhost', '127.0.0.1', '::1'];
  const everyInterface = listenHost === '0.0.0.0' || listenHost === '::';
  const reachable = everyInterface
    ? [
        hostname(),
        ...Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((a) => a.address)),
      ]
    : [listenHost];
  return {
    ...(publicUrl ? { publicUrl } : {}),
    ...(trustProxy !== undefined ? { trustProxy } : {}),
    allowedHosts: publicUrl ? configured : [...local, ...reachable, ...configured],
  };
}
