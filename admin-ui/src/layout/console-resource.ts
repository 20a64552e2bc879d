import type { ComponentType } from 'react';

/**
 * A console resource declared in one module (issue 13): its pages, who sees it, and its words in
 * both languages. tools/derive/derive.mjs lists every `*.resource.tsx` module in resources.gen.ts;
 * App.tsx and the translations read that list, so adding a resource edits no shared file.
 */
export interface ConsoleResource {
  /** The REST resource's path, react-admin's resource name. */
  name: string;
  /** The tenant roles that see it. */
  roles: readonly string[];
  /** The tenant module it belongs to (organisation, learning, …): tenants without it do not see it. */
  module?: string;
  icon?: ComponentType;
  list?: ComponentType;
  create?: ComponentType;
  edit?: ComponentType;
  show?: ComponentType;
  recordRepresentation?: string;
  /** `resources.<name>` in each language: its name and its fields' labels. */
  messages: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> };
}
