/**
 * The network libraries, in one module: undici (the dispatchers Node's own fetch is built on) and
 * fetch-socks. The build makes this a bundle of its own (dist/net-vendor.cjs, build/options.ts), so
 * the commands' and the deck's bundles stay small and only a request reads it.
 */
export {socksConnector} from 'fetch-socks';
export {Agent, fetch, ProxyAgent} from 'undici';
