// An XML element checked against the DTD (known tag, allowed place, known/required/enumerated attributes), with
// its attribute values (defaults filled in) and the Where of the element and of each attribute, for issues.
import { didYouMean } from '../../core/index.ts';
import type { IssueList, Where } from '../build/issues.ts';
import { PROFILE_ATTRIBUTES, TAGS, type TagSpec } from './schema.ts';
import type { XmlElement } from './xml-tree.ts';

export class Element {
  readonly name: string;
  private readonly values = new Map<string, string>();

  private constructor(
    readonly xml: XmlElement,
    readonly spec: TagSpec,
    readonly path: string,
  ) {
    this.name = xml.name;
    for (const [name, attribute] of Object.entries(spec.attributes)) {
      if (attribute.default !== undefined) this.values.set(name, attribute.default);
    }
    for (const attribute of xml.attributes) this.values.set(attribute.name, attribute.value);
  }

  /** Checks `xml` (a child of a `parent` tag) and reports its problems; `undefined` when it cannot be used. */
  static check(
    xml: XmlElement,
    parent: string | undefined,
    parentPath: string,
    issues: IssueList,
  ): Element | undefined {
    const at: Where = { path: parentPath, location: xml.location };
    const spec = TAGS[xml.name];
    if (spec === undefined) {
      const guess = didYouMean(xml.name, Object.keys(TAGS));
      issues.error(
        'unknown-element',
        `Unknown element <${xml.name}>.`,
        at,
        guess === undefined ? 'See docs/platforms.md for the supported tags.' : `D${guess.slice(1)}`,
      );
      return undefined;
    }
    const allowed = parent === undefined ? ['platform'] : (TAGS[parent]?.children ?? []);
    if (!allowed.includes(xml.name)) {
      const where = parent === undefined ? 'as the root element' : `inside <${parent}>`;
      const hint =
        parent === undefined
          ? 'A platform file starts with <platform version="4.1">.'
          : `<${parent}> may contain: ${allowed.map((tag) => `<${tag}>`).join(' ') || 'nothing'}.`;
      issues.error('misplaced-element', `<${xml.name}> cannot appear ${where}.`, at, hint);
      return undefined;
    }
    const element = new Element(xml, spec, `${parentPath}${parentPath === '' ? '' : '/'}${xml.name}${label(xml)}`);
    element.checkAttributes(issues);
    element.checkText(issues);
    return element.checkStatus(issues) ? element : undefined;
  }

  /** The attribute's value, or its DTD default. */
  get(name: string): string {
    return this.values.get(name) ?? '';
  }

  /** True when a required attribute is absent (already reported): its value must not be read. */
  isMissing(name: string): boolean {
    return this.spec.attributes[name]?.default === undefined && !this.has(name);
  }

  /** True when the attribute is written in the file. */
  has(name: string): boolean {
    return this.xml.attributes.some((attribute) => attribute.name === name);
  }

  /** Where the attribute is written (or the element, when the attribute is absent). */
  where(attribute?: string): Where {
    if (attribute === undefined) return { path: this.path, location: this.xml.location };
    const found = this.xml.attributes.find((candidate) => candidate.name === attribute);
    return { path: `${this.path}/@${attribute}`, location: found?.location ?? this.xml.location };
  }

  /** Checked children; misplaced or unknown ones are reported and skipped. */
  children(issues: IssueList): Element[] {
    const path = this.name === 'platform' ? '' : this.path;
    return this.xml.children.flatMap((child) => Element.check(child, this.name, path, issues) ?? []);
  }

  private checkAttributes(issues: IssueList): void {
    const known = Object.keys(this.spec.attributes);
    for (const attribute of this.xml.attributes) {
      const spec = this.spec.attributes[attribute.name];
      const at = this.where(attribute.name);
      if (spec === undefined) {
        const guess = didYouMean(attribute.name, known);
        const hint = `${guess === undefined ? '' : `D${guess.slice(1)} `}<${this.name}> accepts: ${known.join(', ')}.`;
        issues.error('unknown-attribute', `Unknown attribute ${attribute.name} in <${this.name}>.`, at, hint);
      } else if (spec.values !== undefined && !spec.values.includes(attribute.value)) {
        const hint = `Use one of: ${spec.values.join(', ')}${spec.default === undefined ? '' : ` (default ${spec.default})`}.`;
        issues.error('invalid-value', `Invalid ${attribute.name}="${attribute.value}" in <${this.name}>.`, at, hint);
      } else if (PROFILE_ATTRIBUTES.includes(attribute.name) && attribute.value !== '') {
        issues.error(
          'unsupported-attribute',
          `${attribute.name} is not supported: livemig does not model availability profiles.`,
          at,
          `Remove ${attribute.name}.`,
        );
      }
    }
    for (const [name, spec] of Object.entries(this.spec.attributes)) {
      if (spec.default === undefined && !this.has(name)) {
        issues.error(
          'missing-attribute',
          `<${this.name}> needs the attribute ${name}.`,
          this.where(),
          `Add ${name}="…".`,
        );
      }
    }
  }

  private checkText(issues: IssueList): void {
    if (this.xml.textLocation === undefined) return;
    const at = { path: this.path, location: this.xml.textLocation };
    issues.error(
      'unexpected-text',
      `<${this.name}> cannot contain text.`,
      at,
      'Values go in attributes; comments go in <!-- … -->.',
    );
  }

  private checkStatus(issues: IssueList): boolean {
    const status = this.spec.status;
    if (status.kind === 'supported') return true;
    if (status.kind === 'alias') {
      issues.warn(
        'deprecated-element',
        `<${this.name}> is deprecated; it is read as <${status.of}>.`,
        this.where(),
        `Write <${status.of}>.`,
      );
      return true;
    }
    if (status.kind === 'ignored') {
      issues.warn('ignored-element', `<${this.name}> is ignored: ${status.why}.`, this.where());
      return false;
    }
    const message = status.kind === 'removed' ? `${status.why}.` : `<${this.name}> is not supported: ${status.why}.`;
    issues.error(
      status.kind === 'removed' ? 'removed-element' : 'unsupported-element',
      message,
      this.where(),
      `Remove <${this.name}>.`,
    );
    return false;
  }
}

function label(xml: XmlElement): string {
  const value = (name: string): string | undefined =>
    xml.attributes.find((attribute) => attribute.name === name)?.value;
  const id = value('id');
  if (id !== undefined) return `#${id}`;
  const src = value('src');
  const dst = value('dst');
  return src !== undefined && dst !== undefined ? `#${src}->${dst}` : '';
}
