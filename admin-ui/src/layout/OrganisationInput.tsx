import { AutocompleteInput, ReferenceInput, required, useTranslate } from 'react-admin';

/**
 * A party organisation picked by name among those the person may name (the list answers in scope):
 * it lists at once, unfilled, and says so in the person's language when nothing matches.
 */
export function OrganisationInput({
  source = 'organisationId',
  isRequired = false,
}: {
  source?: string;
  isRequired?: boolean;
}) {
  const translate = useTranslate();
  return (
    <ReferenceInput source={source} reference="organisations" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput
        optionText="name"
        {...(isRequired ? { validate: required() } : {})}
        filterToQuery={(q: string) => ({ q })}
        noOptionsText={translate('dj.organisation_picker.none')}
      />
    </ReferenceInput>
  );
}
