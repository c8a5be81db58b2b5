// livemig's side of peer/cluster-routes.cpp (SimGrid 3.32): on a cluster topology, the route and latency between
// every ordered pair of hosts (by name), then every host sends 1e7 bytes to the host 5 places further, all at once.
import { formatFixed, Simulation } from '../../src/index.ts';
import { platform, shortLine } from './harness.ts';

export async function run(platformFile: string): Promise<string[]> {
  const sim = new Simulation({ platform: platform(platformFile) });
  const lines: string[] = [];
  sim.onLog((record) => lines.push(shortLine(record)));
  const hosts = [...sim.hosts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const src of hosts) {
    for (const dst of hosts) {
      // SimGrid's route_to lists an empty route (a host to itself without a loopback link) where livemig's route()
      // refuses to transfer, so read the description's route, which may be empty.
      const route = sim.platform.description.findRoute(src.name, dst.name);
      const names = route?.links.join(' ') ?? '';
      const latency = formatFixed(route?.latencySec ?? 0, 9);
      sim.log(`route ${src.name} -> ${dst.name}: latency ${latency}: ${names}`);
    }
  }
  hosts.forEach((host, i) => {
    const dst = hosts[(i + 5) % hosts.length] ?? host;
    sim.spawn('sender', host, async (ctx) => {
      await ctx.mailbox(dst.name).put(0, 1e7);
      ctx.log(`sent to ${dst.name}`);
    });
    sim.spawn('receiver', host, async (ctx) => {
      await ctx.mailbox(host.name).get();
      ctx.log('received');
    });
  });
  await sim.run();
  sim.log('Simulation ended');
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await run(process.argv[2] ?? 'peer-torus.xml')) console.log(line);
}
