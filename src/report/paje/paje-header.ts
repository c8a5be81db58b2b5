// The event definitions that open a Paje trace (the self-describing part of the format): which events the file
// uses, their numeric ids and their fields, in the field names of the Paje trace file format description.

const DEFINITIONS = [
  ['defineContainerType', 'PajeDefineContainerType', ['Alias string', 'Type string', 'Name string']],
  ['defineStateType', 'PajeDefineStateType', ['Alias string', 'Type string', 'Name string']],
  ['defineVariableType', 'PajeDefineVariableType', ['Alias string', 'Type string', 'Name string', 'Color color']],
  [
    'defineLinkType',
    'PajeDefineLinkType',
    ['Alias string', 'Type string', 'StartContainerType string', 'EndContainerType string', 'Name string'],
  ],
  ['defineEntityValue', 'PajeDefineEntityValue', ['Alias string', 'Type string', 'Name string', 'Color color']],
  [
    'createContainer',
    'PajeCreateContainer',
    ['Time date', 'Alias string', 'Type string', 'Container string', 'Name string'],
  ],
  ['destroyContainer', 'PajeDestroyContainer', ['Time date', 'Type string', 'Name string']],
  ['setState', 'PajeSetState', ['Time date', 'Type string', 'Container string', 'Value string']],
  ['setVariable', 'PajeSetVariable', ['Time date', 'Type string', 'Container string', 'Value double']],
  [
    'startLink',
    'PajeStartLink',
    ['Time date', 'Type string', 'Container string', 'Value string', 'StartContainer string', 'Key string'],
  ],
  [
    'endLink',
    'PajeEndLink',
    ['Time date', 'Type string', 'Container string', 'Value string', 'EndContainer string', 'Key string'],
  ],
] as const;

type EventName = (typeof DEFINITIONS)[number][0];

/** The numeric id of each event kind in the traces livemig writes. */
export const PAJE_EVENT = Object.fromEntries(DEFINITIONS.map(([key], id) => [key, id])) as Record<EventName, number>;

export function pajeHeader(): string {
  return DEFINITIONS.flatMap(([, name, fields], id) => [
    `%EventDef ${name} ${id}`,
    ...fields.map((field) => `%       ${field}`),
    '%EndEventDef',
  ]).join('\n');
}
