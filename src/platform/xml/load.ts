// Loads SimGrid platform XML (version 4.1, as SimGrid 3.32 reads it) into a PlatformDescription, and deployment
// files into actor descriptions; every problem of a file is reported at once, each with file:line:col and a hint.
import { INPUT_LIMITS, InputError, readInputFile, unreadableFileCode } from '../../core/index.ts';
import { PlatformBuilder } from '../build/builder.ts';
import type { IssueList } from '../build/issues.ts';
import type { ActorDescription, PlatformDescription } from '../description.ts';
import { Element } from './element.ts';
import { readCluster } from './read-cluster.ts';
import { readZone } from './read-zone.ts';
import { readNumber, readProperties } from './values.ts';
import { parseXml, type XmlDocument } from './xml-tree.ts';

/** Reads and parses a platform file (synchronously: a platform is loaded once, before anything runs). */
export function loadPlatformXml(path: string): PlatformDescription {
  let text: string;
  try {
    text = readInputFile(path, INPUT_LIMITS.platformBytes);
  } catch (error) {
    const issue = {
      code: unreadableFileCode(error),
      path: '',
      message: `Cannot read platform file ${path}: ${(error as Error).message}`,
    };
    throw new InputError(
      `Cannot load ${path}:`,
      [{ ...issue, hint: 'Check the path (relative paths start from the current directory).' }],
      { cause: error },
    );
  }
  return parsePlatformXml(text, path);
}

/** Parses platform XML; `fileName` is used in messages and as the description's `source`. */
export function parsePlatformXml(text: string, fileName = '<inline>'): PlatformDescription {
  const builder = new PlatformBuilder(fileName);
  const platform = readRoot(builder, text, fileName);
  if (platform === undefined) throw new InputError(`Invalid platform ${fileName}:`, builder.issues.sortedErrors());
  for (const child of platform.children(builder.issues)) readPlatformChild(builder, child);
  return builder.finish(platform.where());
}

/** Parses a deployment file (a <platform> of <actor>s); the actors' hosts are checked when `platform` is given. */
export function parseDeploymentXml(
  text: string,
  fileName = '<inline>',
  platform?: PlatformDescription,
): ActorDescription[] {
  const builder = new PlatformBuilder(fileName);
  const root = readRoot(builder, text, fileName);
  const actors: ActorDescription[] = [];
  for (const child of root?.children(builder.issues) ?? []) {
    if (child.name === 'actor' || child.name === 'process') {
      const actor = readActor(builder.issues, child);
      if (actor === undefined) continue;
      actors.push(actor);
      if (platform !== undefined && platform.host(actor.host) === undefined) {
        const hint = builder.registry.suggest(
          actor.host,
          platform.hosts.map((host) => host.name),
          'Name a host of the platform',
        );
        builder.issues.error(
          'unknown-host',
          `Cannot create actor "${actor.function}": host "${actor.host}" does not exist.`,
          child.where('host'),
          hint,
        );
      }
    } else
      builder.issues.error(
        'misplaced-element',
        `A deployment file holds only <actor> elements, not <${child.name}>.`,
        child.where(),
      );
  }
  if (builder.issues.errors.length > 0)
    throw new InputError(`Invalid deployment ${fileName}:`, builder.issues.sortedErrors());
  return actors;
}

function readRoot(builder: PlatformBuilder, text: string, fileName: string): Element | undefined {
  const { issues } = builder;
  const document = issues.attempt(() => parseXml(text, fileName));
  if (document === undefined) return undefined;
  const platform = Element.check(document.root, undefined, '', issues);
  if (platform === undefined) return undefined;
  checkDoctype(issues, document.doctype, platform);
  const version = Math.round(100 * Number(platform.get('version')));
  if (!(version >= 400 && version <= 410)) {
    const message = `This file has version="${platform.get('version')}"; SimGrid 3.32 reads versions 4.0 and 4.1.`;
    const hint = version < 400 ? "Update it with SimGrid's simgrid_update_xml tool." : 'Write version="4.1".';
    issues.error('unsupported-version', message, platform.where('version'), hint);
    return undefined;
  }
  if (version < 410)
    issues.warn(
      'old-version',
      `Version ${platform.get('version')} files are read as 4.1, which is backward compatible.`,
      platform.where('version'),
    );
  return platform;
}

// SimGrid 3.32's parser only accepts these two DOCTYPEs (and refuses files without one); livemig only warns.
const DOCTYPE =
  /^<!DOCTYPE\s+platform\s+SYSTEM\s+(["'])(https:\/\/simgrid\.org\/simgrid\.dtd|http:\/\/simgrid\.gforge\.inria\.fr\/simgrid\/simgrid\.dtd)\1\s*>$/;

function checkDoctype(issues: IssueList, doctype: XmlDocument['doctype'], platform: Element): void {
  if (doctype !== undefined && DOCTYPE.test(doctype.text)) return;
  const where = doctype === undefined ? platform.where() : { path: '', location: doctype.location };
  const problem = doctype === undefined ? 'has no <!DOCTYPE>' : "has a <!DOCTYPE> other than SimGrid's";
  const hint =
    'Start the file with <?xml version="1.0"?> and <!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">.';
  issues.warn(
    'simgrid-incompatible',
    `This file ${problem}: livemig reads it, but SimGrid 3.32 refuses it.`,
    where,
    hint,
  );
}

function readPlatformChild(builder: PlatformBuilder, child: Element): void {
  switch (child.name) {
    case 'config':
      for (const prop of child.children(builder.issues))
        builder.setConfig(prop.get('id'), prop.get('value'), prop.where());
      return;
    case 'zone':
    case 'AS':
      readZone(builder, child);
      return;
    case 'cluster':
      readCluster(builder, child);
      return;
    case 'actor':
    case 'process': {
      const actor = readActor(builder.issues, child);
      if (actor !== undefined) builder.addActor(actor, child.where('host'));
      return;
    }
    default:
      builder.issues.error(
        'misplaced-element',
        `<${child.name}> cannot appear directly in <platform>.`,
        child.where(),
        'Put it inside a <zone>.',
      );
  }
}

function readActor(issues: IssueList, element: Element): ActorDescription | undefined {
  const children = element.children(issues);
  const start = readNumber(issues, element, 'start_time');
  const kill = readNumber(issues, element, 'kill_time');
  if (start === undefined || kill === undefined) return undefined;
  const actor: ActorDescription = {
    host: element.get('host'),
    function: element.get('function'),
    args: children.filter((child) => child.name === 'argument').map((argument) => argument.get('value')),
    onFailure: element.get('on_failure') === 'RESTART' ? 'restart' : 'die',
    properties: readProperties(issues, children),
  };
  if (start >= 0) actor.startTimeSec = start;
  if (kill >= 0) actor.killTimeSec = kill;
  const location = element.where().location;
  if (location !== undefined) actor.location = location;
  return actor;
}
