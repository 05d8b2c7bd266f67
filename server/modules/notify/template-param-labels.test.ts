import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../../contracts/locales.js';
import '../registry.js';
import { allTemplateDefinitions } from './notify.templates.js';

// The administrator's template screen names each parameter in words; a parameter without a label
// would show its code name (the crawl found "number" and "location" of the work-order notices).
const root = path.resolve(import.meta.dirname, '../../..');

describe('notification templates', () => {
  it('every parameter of every template has a label in every language of the templates screen', async () => {
    const { notifyI18n } = (await import(path.join(root, 'web/modules/notify/notify.i18n.ts'))) as {
      notifyI18n: Record<string, { templates: { paramLabels: Record<string, string> } }>;
    };
    const definitions = allTemplateDefinitions();
    expect(definitions.length).toBeGreaterThan(10);
    const missing = definitions.flatMap(([event, definition]) =>
      locales.flatMap((locale) =>
        definition.params
          .filter((param) => !notifyI18n[locale]?.templates.paramLabels[param])
          .map((param) => `${event} {${param}} (${locale})`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
