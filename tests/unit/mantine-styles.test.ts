// The client loads Mantine's styles per component (client/src/app/providers.tsx) rather than the
// whole sheet: a component used anywhere in the app without its styles would render unstyled.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const stylesDir = path.join(root, 'node_modules/@mantine/core/styles');
const providers = readFileSync(path.join(root, 'client/src/app/providers.tsx'), 'utf8');

/** Mantine components built on others whose styles they need (Mantine's docs, "styles import"). */
const BUILT_ON: Record<string, string[]> = {
  Select: ['Combobox', 'Input', 'Popover', 'ScrollArea'],
  MultiSelect: ['Combobox', 'Input', 'Pill', 'PillsInput', 'Popover', 'ScrollArea'],
  Menu: ['Popover'],
  Tooltip: ['Popover'],
  Modal: ['ModalBase', 'Overlay'],
  Drawer: ['ModalBase', 'Overlay'],
  Checkbox: ['CheckboxIndicator', 'InlineInput'],
  Radio: ['InlineInput'],
  Switch: ['InlineInput'],
  SegmentedControl: ['FloatingIndicator'],
  ActionIcon: ['UnstyledButton', 'Loader'],
  Button: ['UnstyledButton', 'Loader'],
  NumberInput: ['Input'],
  PasswordInput: ['Input'],
  TextInput: ['Input'],
  Textarea: ['Input'],
  FileInput: ['Input'],
};

function mantineImports(): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(path.join(root, 'client/src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/g)) {
      for (const part of (m[1] as string).split(',')) {
        const name = part.replace(/^\s*type\s+/, '').trim();
        if (/^[A-Z]\w*$/.test(name)) names.add(name);
      }
    }
  }
  return names;
}

describe("Mantine's styles", () => {
  it('are imported for every component the client uses and for those they are built on', () => {
    const used = mantineImports();
    expect(used.has('Button'), 'the scan finds Mantine imports').toBe(true);
    const needed = new Set<string>(['baseline', 'default-css-variables', 'global']);
    for (const name of used) {
      needed.add(name);
      for (const dep of BUILT_ON[name] ?? []) needed.add(dep);
    }
    const missing = [...needed]
      .filter((n) => existsSync(path.join(stylesDir, `${n}.css`)))
      .filter((n) => !providers.includes(`'@mantine/core/styles/${n}.css'`));
    expect(missing).toEqual([]);
    // And not the whole sheet besides (it would undo the saving).
    expect(providers).not.toContain("'@mantine/core/styles.css'");
  });
});
