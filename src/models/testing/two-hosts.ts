// For network model tests: two endpoints a and b, and a network model whose routes are the ones a test gives.
import { Engine, type NetworkEndpoint } from '../../kernel/index.ts';
import type { Link, LinkSharing } from '../link.ts';
import type { NetworkModelConfig } from '../network-config.ts';
import { NetworkModel, type Route } from '../network-model.ts';

function endpoint(name: string): NetworkEndpoint {
  const node: { name: string; networkNode: NetworkEndpoint } = { name, networkNode: undefined as never };
  node.networkNode = node;
  return node;
}

/** a → b over one link of `bandwidthBytesPerSec` with a route latency of `latencySec`; b → a has no route (so no
 * cross-traffic even where the config asks for it). */
export function twoHosts(
  config: NetworkModelConfig,
  bandwidthBytesPerSec: number,
  latencySec: number,
  sharing: LinkSharing = 'shared',
): { engine: Engine; model: NetworkModel; link: Link; a: NetworkEndpoint; b: NetworkEndpoint } {
  const engine = new Engine();
  const model = new NetworkModel(engine, config);
  engine.addModel(model);
  const a = endpoint('a');
  const b = endpoint('b');
  const link = model.createLink('l', bandwidthBytesPerSec, latencySec, sharing);
  const route: Route = { links: [link], latencySec };
  const none: Route = { links: [], latencySec: 0 };
  model.router = (src) => (src === a ? route : none);
  return { engine, model, link, a, b };
}
