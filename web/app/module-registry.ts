import type { WebModule } from './module-types';

let registered: readonly WebModule[] = [];

/**
 * The feature modules, registered once by main.tsx before the app renders: the app shell (router,
 * menu, i18n) reads them from here, so web/app imports no module and no cycle runs through it.
 */
export function registerWebModules(modules: readonly WebModule[]): void {
  registered = modules;
}

export function webModules(): readonly WebModule[] {
  return registered;
}
