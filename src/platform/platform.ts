// A platform brought to life in an engine: the CPU model and one processor per host, the network model and one
// link resource per link, and a router that turns the description's routes into link resources (memoised).
import { closestNames, LivemigError } from '../core/index.ts';
import { type Engine, internalsOf, type NetworkEndpoint } from '../kernel/index.ts';
import {
  CM02,
  CONSTANT_TRANSFER_TIME_SEC,
  ConstantNetworkModel,
  CpuModel,
  type Link,
  LV08,
  NetworkModel,
  type NetworkModelConfig,
  type Route,
} from '../models/index.ts';
import type { PlatformDescription } from './description.ts';
import { Host } from './host.ts';

export type NetworkModelName = 'LV08' | 'CM02' | 'constant';

export interface PlatformOptions {
  /** Network model: 'LV08' (default, SimGrid's), 'CM02', 'constant', or custom parameters. */
  network?: NetworkModelName | NetworkModelConfig;
  /** Duration of every transfer with the constant model (default 13.01 s, SimGrid's `network/latency-factor`, which
   * a platform's `<config>` may set). */
  constantTransferTimeSec?: number;
}

export class Platform {
  readonly cpuModel: CpuModel;
  readonly network: NetworkModel | ConstantNetworkModel;
  private readonly hostsByName = new Map<string, Host>();
  private readonly linksByName = new Map<string, Link>();
  private readonly routes = new Map<NetworkEndpoint, Map<NetworkEndpoint, Route>>();
  private readonly reverseRoutes = new Map<NetworkEndpoint, Map<NetworkEndpoint, Route>>();

  constructor(
    readonly engine: Engine,
    readonly description: PlatformDescription,
    options: PlatformOptions = {},
  ) {
    this.cpuModel = new CpuModel(engine, 'cpu');
    engine.addModel(this.cpuModel);
    const choice = options.network ?? networkFromConfig(description.config) ?? 'LV08';
    if (choice === 'constant') {
      const configured = description.config['network/latency-factor'];
      const duration = options.constantTransferTimeSec ?? (configured === undefined ? undefined : Number(configured));
      this.network = new ConstantNetworkModel(engine, duration ?? CONSTANT_TRANSFER_TIME_SEC);
    } else {
      const config = typeof choice === 'string' ? (choice === 'CM02' ? CM02 : LV08) : choice;
      const network = new NetworkModel(engine, withLoopbackConfig(config, description.config));
      network.router = (src, dst, optional) => this.routeBetween(src, dst, optional === true);
      this.network = network;
      for (const link of description.links) {
        const resource =
          link.name === '__loopback__'
            ? network.loopback
            : network.createLink(link.name, link.bandwidthBytesPerSec, link.latencySec, link.sharing);
        this.linksByName.set(link.name, resource);
      }
    }
    engine.addModel(this.network);
    internalsOf(engine).useNetwork(this.network);
    for (const spec of description.hosts) {
      const cpu = this.cpuModel.createCpu(spec.name, spec.speedsFlops, spec.pstate, spec.cores);
      this.hostsByName.set(spec.name, new Host(engine, spec.name, cpu, spec.properties));
    }
  }

  /** Hosts in declaration order. */
  get hosts(): Host[] {
    return [...this.hostsByName.values()];
  }

  get links(): Link[] {
    return [...this.linksByName.values()];
  }

  hasHost(name: string): boolean {
    return this.hostsByName.has(name);
  }

  host(name: string): Host {
    const host = this.hostsByName.get(name);
    if (host === undefined) throw notFound('host', name, [...this.hostsByName.keys()], this.description.source);
    return host;
  }

  link(name: string): Link {
    const link = this.linksByName.get(name);
    if (link === undefined) throw notFound('link', name, [...this.linksByName.keys()], this.description.source);
    return link;
  }

  /** The route between two hosts (or VMs: a VM uses its physical machine's place on the network). */
  route(src: NetworkEndpoint, dst: NetworkEndpoint): Route {
    return this.routeBetween(src.networkNode, dst.networkNode, false);
  }

  private routeBetween(src: NetworkEndpoint, dst: NetworkEndpoint, optional: boolean): Route {
    const cache = optional ? this.reverseRoutes : this.routes;
    let fromSrc = cache.get(src);
    if (fromSrc === undefined) {
      fromSrc = new Map();
      cache.set(src, fromSrc);
    }
    let route = fromSrc.get(dst);
    if (route === undefined) {
      const found = optional
        ? this.description.findRoute(src.name, dst.name)
        : this.description.route(src.name, dst.name);
      route =
        found === undefined
          ? { links: [], latencySec: 0 }
          : { links: found.links.map((name) => this.link(name)), latencySec: found.latencySec };
      fromSrc.set(dst, route);
    }
    return route;
  }
}

function networkFromConfig(config: Readonly<Record<string, string>>): NetworkModelName | undefined {
  const model = config['network/model'];
  if (model === undefined) return undefined;
  if (model === 'LV08' || model === 'CM02') return model;
  if (model.toLowerCase() === 'constant') return 'constant';
  throw new LivemigError(
    'invalid-input',
    `Unsupported network model "${model}" in the platform's <config>: use LV08, CM02 or Constant.`,
  );
}

function withLoopbackConfig(config: NetworkModelConfig, xml: Readonly<Record<string, string>>): NetworkModelConfig {
  const bandwidth = xml['network/loopback-bw'];
  const latency = xml['network/loopback-lat'];
  if (bandwidth === undefined && latency === undefined) return config;
  return {
    ...config,
    loopbackBandwidthBytesPerSec: bandwidth === undefined ? config.loopbackBandwidthBytesPerSec : Number(bandwidth),
    loopbackLatencySec: latency === undefined ? config.loopbackLatencySec : Number(latency),
  };
}

function notFound(kind: string, name: string, known: readonly string[], source: string): LivemigError {
  const close = closestNames(name, known);
  const hint = close.length > 0 ? ` Did you mean ${close.map((c: string) => `"${c}"`).join(' or ')}?` : '';
  return new LivemigError('not-found', `No ${kind} named "${name}" in platform ${source}.${hint}`, {
    details: { kind, name },
  });
}
