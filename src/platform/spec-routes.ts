// The routes of a platform spec: host routes of the Full zone, and zone routes whose gateways default to the
// routers of the clusters they join.
import type { PlatformBuilder } from './build/builder.ts';
import type { Where } from './build/issues.ts';
import type { LinkInRoute } from './routing/zone.ts';
import { type Fields, join, type SpecFields } from './spec-fields.ts';

function readLinkRefs(
  builder: PlatformBuilder,
  fields: SpecFields,
  route: Fields,
  path: string,
): (LinkInRoute | undefined)[] {
  return fields.array(route, 'links', path).map((ref, i) => {
    const where: Where = { path: join(join(path, 'links'), i) };
    if (typeof ref === 'string') return builder.registry.linkInRoute(ref, 'none', where);
    const object = fields.object(ref, where.path, ['name', 'direction']);
    const name = object === undefined ? undefined : fields.string(object, 'name', where.path);
    const direction =
      object === undefined
        ? undefined
        : fields.choice(object, 'direction', where.path, { up: 'up', down: 'down' } as const, 'up');
    if (name === undefined || direction === undefined) return undefined;
    if (object?.direction === undefined)
      builder.issues.error('missing-field', 'direction is required ("up" or "down").', {
        path: join(where.path, 'direction'),
      });
    return builder.registry.linkInRoute(name, direction, where);
  });
}

export function readRoute(builder: PlatformBuilder, fields: SpecFields, value: unknown, path: string): void {
  const route = fields.object(value, path, ['src', 'dst', 'links', 'symmetrical']);
  if (route === undefined) return;
  const src = fields.string(route, 'src', path);
  const dst = fields.string(route, 'dst', path);
  const symmetrical = fields.boolean(route, 'symmetrical', path, true);
  const links = readLinkRefs(builder, fields, route, path);
  if (src === undefined || dst === undefined) return;
  builder.addRoute({ src, dst, links, symmetrical }, { path });
}

export function readZoneRoute(
  builder: PlatformBuilder,
  fields: SpecFields,
  value: unknown,
  path: string,
  hostsZone: string | undefined,
): void {
  const route = fields.object(value, path, ['src', 'dst', 'gwSrc', 'gwDst', 'links', 'symmetrical']);
  if (route === undefined) return;
  const src = fields.string(route, 'src', path);
  const dst = fields.string(route, 'dst', path);
  const symmetrical = fields.boolean(route, 'symmetrical', path, true);
  const links = readLinkRefs(builder, fields, route, path);
  if (src === undefined || dst === undefined) return;
  const gateway = (zone: string, key: 'gwSrc' | 'gwDst'): string | undefined => {
    if (route[key] !== undefined) return fields.string(route, key, path);
    const router = builder.currentZone?.children
      .find((child) => child.id === zone && child.routing === 'cluster')
      ?.routers.at(-1);
    if (router !== undefined) return router;
    const hint =
      zone === hostsZone ? `Name a host or router of zone "${zone}".` : `Name the cluster (a zone id), or give ${key}.`;
    builder.issues.error(
      'missing-field',
      `${key} is required: "${zone}" is not a cluster with a router.`,
      { path: join(path, key) },
      hint,
    );
    return undefined;
  };
  const gwSrc = gateway(src, 'gwSrc');
  const gwDst = gateway(dst, 'gwDst');
  if (gwSrc === undefined || gwDst === undefined) return;
  builder.addRoute({ src, dst, gwSrc, gwDst, links, symmetrical }, { path });
}
