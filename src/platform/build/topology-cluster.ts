// What the TORUS, FAT_TREE and DRAGONFLY clusters share: enough radicals for every host, and links declared as an
// (up, down) pair whether they are split-duplex or a single shared or fatpipe link.
import type { LinkDescription } from '../description.ts';
import type { DeclaredLink } from '../routing/zone.ts';
import type { PlatformBuilder } from './builder.ts';
import type { ClusterArgs } from './cluster.ts';
import type { Where } from './issues.ts';

export type LinkPair = { up: LinkDescription; down: LinkDescription };
export type LinkSharing = 'shared' | 'fatpipe' | 'split-duplex';
/** Declares one link (or a split-duplex pair) of a topology and returns its pair; undefined when that failed. */
export type DeclareLink = (
  name: string,
  bandwidth: number,
  latency: number,
  sharing: LinkSharing,
) => LinkPair | undefined;

/** False (with an error) when `radical` names fewer hosts than the topology has; `what` names it ("a 2×2 torus"). */
export function hasEnoughRadicals(
  builder: PlatformBuilder,
  args: ClusterArgs,
  total: number,
  what: string,
  where: Where,
): boolean {
  if (args.radicals.length >= total) return true;
  builder.issues.error(
    'too-few-radicals',
    `Cluster "${args.id}": ${what} has ${total} hosts, but radical gives ${args.radicals.length}.`,
    where,
    `Give ${total} radicals, e.g. radical="0-${total - 1}".`,
  );
  return false;
}

/** A declared link as the pair of directions routes use; a single link is both. */
export function linkPair(declared: DeclaredLink | undefined): LinkPair | undefined {
  if (declared === undefined) return undefined;
  return declared.kind === 'single'
    ? { up: declared.link, down: declared.link }
    : { up: declared.up, down: declared.down };
}

/** Declares a link of no properties at `where` and returns its pair (undefined when the declaration failed). */
export function declareLinkPair(
  builder: PlatformBuilder,
  where: Where,
): (name: string, bandwidth: number, latency: number, sharing: LinkSharing) => LinkPair | undefined {
  return (name, bandwidthBytesPerSec, latencySec, sharing) =>
    linkPair(builder.addLink({ name, bandwidthBytesPerSec, latencySec, sharing, properties: {} }, where));
}
