import { SelectInput, useTranslate } from 'react-admin';

/**
 * A list filter over a fixed set of codes, each said in the person's language from `<prefix>.<code>`
 * (a status, a kind). `alwaysOn` and `source` stay on the element, where react-admin's filter bar
 * reads them.
 */
export function ChoiceFilter({
  source,
  prefix,
  ids,
}: {
  source: string;
  prefix: string;
  ids: readonly string[];
  alwaysOn?: boolean;
}) {
  const translate = useTranslate();
  return (
    <SelectInput
      source={source}
      choices={ids.map((id) => ({ id, name: translate(`${prefix}.${id}`) }))}
      translateChoice={false}
    />
  );
}
