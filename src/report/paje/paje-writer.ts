// A Paje trace being written: the event definitions header, type and value definitions (numeric aliases, as
// SimGrid writes them), then timed events sorted by date (stable, so same-date events keep their order).
import { formatFixed } from '../../core/index.ts';
import { PAJE_EVENT, pajeHeader } from './paje-header.ts';

/** The alias of the root container and of its type, which every Paje reader knows without a definition. */
export const ROOT = '0';

export class PajeWriter {
  private nextAlias = 1;
  private readonly definitions: string[] = [];
  private readonly events: { time: number; line: string }[] = [];

  containerType(name: string, parentType = ROOT): string {
    return this.define(PAJE_EVENT.defineContainerType, parentType, name);
  }

  stateType(name: string, containerType: string): string {
    return this.define(PAJE_EVENT.defineStateType, containerType, name);
  }

  variableType(name: string, containerType: string, color: string): string {
    return this.define(PAJE_EVENT.defineVariableType, containerType, name, quote(color));
  }

  linkType(name: string, parentType: string, startType: string, endType: string): string {
    const alias = String(this.nextAlias++);
    this.definitions.push(`${PAJE_EVENT.defineLinkType} ${alias} ${parentType} ${startType} ${endType} ${quote(name)}`);
    return alias;
  }

  entityValue(name: string, type: string, color: string): string {
    return this.define(PAJE_EVENT.defineEntityValue, type, name, quote(color));
  }

  createContainer(time: number, name: string, type: string, parent = ROOT): string {
    const alias = String(this.nextAlias++);
    this.event(time, PAJE_EVENT.createContainer, alias, type, parent, quote(name));
    return alias;
  }

  destroyContainer(time: number, type: string, container: string): void {
    this.event(time, PAJE_EVENT.destroyContainer, type, container);
  }

  setState(time: number, type: string, container: string, value: string): void {
    this.event(time, PAJE_EVENT.setState, type, container, value);
  }

  setVariable(time: number, type: string, container: string, value: number): void {
    this.event(time, PAJE_EVENT.setVariable, type, container, number(value));
  }

  startLink(time: number, type: string, container: string, value: string, start: string, key: string): void {
    this.event(time, PAJE_EVENT.startLink, type, container, value, start, quote(key));
  }

  endLink(time: number, type: string, container: string, value: string, end: string, key: string): void {
    this.event(time, PAJE_EVENT.endLink, type, container, value, end, quote(key));
  }

  /** The whole trace: header, definitions, then the events in date order. */
  text(comments: readonly string[] = []): string {
    const events = [...this.events].sort((a, b) => a.time - b.time);
    const lines = [
      ...comments.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`),
      pajeHeader(),
      ...this.definitions,
      ...events.map((e) => e.line),
    ];
    return `${lines.join('\n')}\n`;
  }

  private define(event: number, parent: string, name: string, ...extra: string[]): string {
    const alias = String(this.nextAlias++);
    this.definitions.push([event, alias, parent, quote(name), ...extra].join(' '));
    return alias;
  }

  private event(time: number, event: number, ...fields: string[]): void {
    this.events.push({ time, line: [event, number(time), ...fields].join(' ') });
  }
}

/** Paje strings are quoted; a double quote inside becomes a single one. */
function quote(text: string): string {
  return `"${text.replace(/"/g, "'").replace(/[\r\n]+/g, ' ')}"`;
}

function number(value: number): string {
  return Number.isFinite(value) ? formatFixed(value, 9) : '0';
}
