// A small XML reader for platform files: elements, attributes and text with exact 1-based line:col positions.
// Handles the prolog, DOCTYPE, comments, CDATA, processing instructions and the predefined and numeric entities.
import { InputError, type SourceLocation } from '../../core/index.ts';

export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
  /** Position of the attribute's name. */
  readonly location: SourceLocation;
}

export interface XmlElement {
  readonly name: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  readonly location: SourceLocation;
  /** Position of the first non-blank text directly inside, if any. */
  readonly textLocation?: SourceLocation;
  /** All text directly inside, entities decoded. */
  readonly text: string;
}

/** Deepest nesting of elements read: far beyond any platform (zones in zones rarely go ten deep), and shallow
 * enough for the readers that walk the tree recursively. */
export const MAX_XML_DEPTH = 256;

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export interface XmlDocument {
  readonly root: XmlElement;
  /** The `<!DOCTYPE …>` declaration as written, if any. */
  readonly doctype?: { readonly text: string; readonly location: SourceLocation };
}

/** Parses `text` into its root element; malformed XML throws an InputError located at the problem. */
export function parseXml(text: string, file: string): XmlDocument {
  return new XmlReader(text, file).document();
}

interface OpenElement {
  name: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  location: SourceLocation;
  textLocation?: SourceLocation;
  text: string;
}

class XmlReader {
  private position = 0;
  private readonly lineStarts: number[] = [0];
  // Sticky patterns keep a position (lastIndex): one pair per reader, never shared.
  private readonly namePattern = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
  private readonly blankPattern = /[ \t\r\n]*/y;
  private doctype: { text: string; location: SourceLocation } | undefined;

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {
    if (source.charCodeAt(0) === 0xfeff) this.position = 1;
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  document(): XmlDocument {
    this.skipMisc(true);
    if (!this.source.startsWith('<', this.position))
      this.fail(
        'The file does not start with an XML element.',
        'A platform file starts with <?xml version="1.0"?> then <platform version="4.1">.',
      );
    const root = this.element(1);
    this.skipMisc(false);
    if (this.position < this.source.length)
      this.fail('Unexpected content after the root element.', 'A file has exactly one root element, <platform>.');
    return this.doctype === undefined ? { root } : { root, doctype: this.doctype };
  }

  /** Blanks, comments, processing instructions and (in the prolog) the DOCTYPE. */
  private skipMisc(prolog: boolean): void {
    for (;;) {
      this.blanks();
      if (this.source.startsWith('<!--', this.position)) this.skipPast('-->', 'comment');
      else if (this.source.startsWith('<?', this.position)) this.skipPast('?>', 'processing instruction');
      else if (prolog && this.source.startsWith('<!DOCTYPE', this.position)) this.skipDoctype();
      else return;
    }
  }

  private element(depth: number): XmlElement {
    const location = this.here();
    if (depth > MAX_XML_DEPTH) {
      this.fail(
        `Elements are nested more than ${MAX_XML_DEPTH} deep here.`,
        'Flatten the platform: a zone holds hosts, links and routes, and zones nest only a few levels.',
        location,
      );
    }
    this.position++; // '<'
    const name = this.name('an element name');
    const open: OpenElement = { name, attributes: [], children: [], location, text: '' };
    for (;;) {
      const hadBlank = this.blanks();
      if (this.source.startsWith('/>', this.position)) {
        this.position += 2;
        return open;
      }
      if (this.source.startsWith('>', this.position)) {
        this.position++;
        this.content(open, depth);
        return open;
      }
      if (!hadBlank)
        this.fail(`Expected a blank, ">" or "/>" in <${name}>.`, 'Separate attributes with blanks and close the tag.');
      this.attribute(open);
    }
  }

  private attribute(open: OpenElement): void {
    const location = this.here();
    const name = this.name(`an attribute name or ">" in <${open.name}>`);
    this.blanks();
    if (this.source[this.position] !== '=')
      this.fail(`Expected "=" after attribute ${name} of <${open.name}>.`, `Write ${name}="value".`);
    this.position++;
    this.blanks();
    const quote = this.source[this.position];
    if (quote !== '"' && quote !== "'")
      this.fail(`The value of attribute ${name} must be quoted.`, `Write ${name}="value".`);
    const end = this.source.indexOf(quote, this.position + 1);
    if (end < 0) this.fail(`The value of attribute ${name} is never closed.`, `Add the closing ${quote}.`);
    const raw = this.source.slice(this.position + 1, end);
    if (raw.includes('<'))
      this.fail(`The value of attribute ${name} contains "<".`, 'Write &lt; instead, or close the quote.');
    const value = this.decode(raw, this.position + 1).replace(/[\t\r\n]/g, ' ');
    this.position = end + 1;
    if (open.attributes.some((attribute) => attribute.name === name)) {
      this.fail(`Attribute ${name} appears twice in <${open.name}>.`, 'Keep only one.', location);
    }
    open.attributes.push({ name, value, location });
  }

  private content(open: OpenElement, depth: number): void {
    for (;;) {
      const next = this.source.indexOf('<', this.position);
      if (next < 0) this.fail(`Element <${open.name}> is never closed.`, `Add </${open.name}>.`, open.location);
      this.text(open, this.position, next);
      this.position = next;
      if (this.source.startsWith('</', next)) {
        this.closingTag(open);
        return;
      }
      if (this.source.startsWith('<!--', next)) this.skipPast('-->', 'comment');
      else if (this.source.startsWith('<![CDATA[', next)) {
        const end = this.source.indexOf(']]>', next);
        if (end < 0) this.fail('A CDATA section is never closed.', 'Add ]]>.');
        this.addText(open, this.source.slice(next + 9, end), next + 9);
        this.position = end + 3;
      } else if (this.source.startsWith('<?', next)) this.skipPast('?>', 'processing instruction');
      else if (this.source.startsWith('<!', next))
        this.fail('Unexpected "<!" inside an element.', 'Comments are written <!-- … -->.');
      else open.children.push(this.element(depth + 1));
    }
  }

  private closingTag(open: OpenElement): void {
    const location = this.here();
    this.position += 2;
    const name = this.name('an element name after "</"');
    this.blanks();
    if (this.source[this.position] !== '>') this.fail(`Expected ">" to end </${name}>.`, `Write </${name}>.`);
    this.position++;
    if (name !== open.name) {
      const at = `${open.location.line}:${open.location.col}`;
      this.fail(
        `Closing tag </${name}> does not match <${open.name}> opened at ${at}.`,
        `Close <${open.name}> first (with </${open.name}> or />).`,
        location,
      );
    }
  }

  private text(open: OpenElement, from: number, to: number): void {
    if (from < to) this.addText(open, this.decode(this.source.slice(from, to), from), from);
  }

  private addText(open: OpenElement, text: string, at: number): void {
    open.text += text;
    const offset = text.search(/[^ \t\r\n]/);
    if (offset >= 0 && open.textLocation === undefined) open.textLocation = this.at(at + offset);
  }

  private decode(raw: string, at: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&]*);?/g, (match, body: string, offset: number) => {
      const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
      const code =
        numeric?.[1] === undefined
          ? undefined
          : Number.parseInt(numeric[1].replace('x', ''), numeric[1].startsWith('x') ? 16 : 10);
      const decoded = code === undefined ? ENTITIES[body] : String.fromCodePoint(code);
      if (decoded === undefined || !match.endsWith(';')) {
        this.fail(
          `Unknown or unterminated entity "${match}".`,
          'Use &lt; &gt; &amp; &quot; &apos; or &#N;.',
          this.at(at + offset),
        );
      }
      return decoded;
    });
  }

  private name(expected: string): string {
    this.namePattern.lastIndex = this.position;
    const match = this.namePattern.exec(this.source);
    if (match === null) this.fail(`Expected ${expected}.`, 'Check the markup around this position.');
    this.position = this.namePattern.lastIndex;
    return match[0];
  }

  private blanks(): boolean {
    this.blankPattern.lastIndex = this.position;
    this.blankPattern.exec(this.source);
    const moved = this.blankPattern.lastIndex > this.position;
    this.position = this.blankPattern.lastIndex;
    return moved;
  }

  private skipPast(end: string, what: string): void {
    const found = this.source.indexOf(end, this.position + 2);
    if (found < 0) this.fail(`A ${what} is never closed.`, `Add ${end}.`);
    this.position = found + end.length;
  }

  private skipDoctype(): void {
    const start = this.position;
    let depth = 0;
    for (let i = this.position + 9; i < this.source.length; i++) {
      const char = this.source[i];
      if (char === '"' || char === "'") i = Math.max(i, this.source.indexOf(char, i + 1));
      else if (char === '[') depth++;
      else if (char === ']') depth--;
      else if (char === '>' && depth <= 0) {
        this.doctype = { text: this.source.slice(start, i + 1), location: this.at(start) };
        this.position = i + 1;
        return;
      }
    }
    this.fail('The DOCTYPE is never closed.', 'End it with ">".');
  }

  private here(): SourceLocation {
    return this.at(this.position);
  }

  private at(offset: number): SourceLocation {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { file: this.file, line: low + 1, col: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  private fail(message: string, hint: string, location = this.here()): never {
    throw new InputError(`Malformed XML in ${this.file}:`, [
      { code: 'malformed-xml', path: '', message, location, hint },
    ]);
  }
}
