/**
 * Every message the scenario loader can give a user, in one place, so that wording
 * stays consistent and each can be found from what the user saw.
 */
export const MESSAGES = {
  tooLarge: (bytes: number, limit: number) => `file is too large (${bytes} bytes; the limit is ${limit})`,
  tooDeep: (limit: number) => `nesting is too deep (the limit is ${limit} levels)`,
  aliasBomb: (limit: number) =>
    `these YAML aliases (*name) expand to over ${limit.toLocaleString('en-US')} values (an "alias bomb"): write the values out instead`,
  unreadable: (why: string) => `cannot read the document: ${why}`,
  notUtf8: (why: string) => `not a text file in UTF-8 (${why}); save it as UTF-8`,
  yamlIndent: 'this line is indented differently from the fields beside it (the fields of one mapping start at the same column)',
  yamlTab: 'a tab is used for indentation; YAML indents with spaces',
  yamlDocuments: 'a scenario is one YAML document, and this file holds several (a line "---" starts another)',
  yamlUnclosed: (raw: string) => `a bracket or quote is not closed (${raw.replace(/^Missing /, 'missing ')})`,
  yamlUnclosedFlow: (bracket: string) => `a ${bracket === ']' ? '[' : '{'} above is not closed before this line (expected ${bracket})`,
  yamlNotFields: 'not a scenario field: expected lines of "field: value" in YAML (is this a scenario file?)',
  yamlAlias: 'a YAML alias (*name) that refers to nothing, or is used wrongly',
  yamlTag: 'YAML tags (!tag, !!type) are not allowed in scenarios',
  yamlOther: (raw: string) => `the YAML cannot be read: ${raw}`,
  yamlMore: (n: number) => ` (and ${n} more problem${n === 1 ? '' : 's'} after it, often caused by this one)`,
  eventOutside: (at: string, first: string, last: string) =>
    `${at} is outside the scenario, which runs from ${first} to ${last}: the event would never happen`,
  noSuchFile: 'no such file',
  /** Why a file could not be read or written, in plain words (Node's messages name system calls). */
  fileProblem: (e: unknown): string => {
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    const words: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      ELOOP: 'a loop of symbolic links',
      ENAMETOOLONG: 'the name is too long',
      ENOTDIR: 'a part of the path is a file, not a folder',
      EISDIR: 'a folder, not a file',
      EIO: 'the disk reported an error',
      EMFILE: 'too many files are open',
      EROFS: 'the file system is read-only',
      ENOSPC: 'the disk is full',
      EDQUOT: 'the disk quota is exceeded',
    };
    if (code && Object.hasOwn(words, code)) return words[code]!;
    return `a file system error (${code ?? String((e as Error | undefined)?.message ?? e).split('\n')[0]})`;
  },
  permissionDenied: 'permission denied',
  notAFile: 'not a file',
  duplicateKey: (key: string) => `"${key}" appears twice in the same mapping`,
  notAMapping: 'expected a mapping of fields at the top level',
  extendsNotString: 'expected the path of the scenario this one extends (a string)',
  extendsCycle: (chain: readonly string[]) => `extends forms a cycle: ${chain.join(' -> ')}`,
  extendsTooDeep: (limit: number) => `extends chain is longer than ${limit} files`,
  extendsMissing: (target: string, why: string) => `cannot extend "${target}": ${why}`,
  setSyntax: 'expected --set path=value, e.g. --set actors.russia.walkAwayMargin=0.07',
  setPath: (segment: string) => `bad path segment "${segment}": expected field names separated by dots, and [n] for list items`,
  setValue: (why: string) => `cannot read the value: ${why}`,
  setIndex: (path: string, length: number) =>
    `${path} is beyond the end of the list (it has ${length} item${length === 1 ? '' : 's'}; the next new one is [${length}])`,
  setNullItem: 'null removes a field of a mapping; to remove an item from a list, set the whole list',
  referenceRemoved: (name: string, option: string, holder: string) =>
    `refers to "${name}", which ${option} removed: remove this too (--set ${holder}=null) or keep "${name}"`,
  setAssumption: (option: string) => `set on the command line: ${option}`,
  unknownFields: (keys: readonly string[]) => `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`,
  invalidName: (name: string, why: string) => `invalid name ${name}: ${why}`,
  missing: (expected: string) => `missing required field (${expected})`,
  wrongShape: (expected: string, found: string) => `${expected} (found ${found})`,
  /** A plain value of the wrong type or out of bounds: `what` is e.g. "a whole number", "a number from -1 to 1", "at least 1 item". */
  expected: (what: string, found: string) => `expected ${what} (found ${found})`,
  newEntryIncomplete: (fields: readonly string[]) =>
    `a new entry, missing required field${fields.length > 1 ? 's' : ''} ${fields.map((f) => `"${f}"`).join(', ')}`,
  unknownReference: (kind: string, name: string) => `unknown ${kind} "${name}"`,
  undeclaredSource: (doc: string) => `cites "${doc}", which is not one of the scenario's sources (declare it under sources:)`,
  controlCharacter: 'holds a control character (shown as \\u…): text may hold only printable characters, line breaks and tabs',
  reservedKey: '"__proto__" is a reserved name: choose another',
  controlCharacterInKey: 'a name with a control character (shown as \\u…): names may hold only printable characters',
  unknownItemKey: (key: string) => `unknown key "${key}"`,
} as const;
