/** react-admin choices for a closed list of glossary names, labelled by their translation keys (`<prefix>.<name>`). */
export const translatedChoices = (ids: readonly string[], prefix: string) =>
  ids.map((id) => ({ id, name: `${prefix}.${id}` }));
