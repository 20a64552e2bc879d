import {
  ArrayInput,
  Edit,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  regex,
  required,
  useTranslate,
} from 'react-admin';
import { SaveOnlyToolbar } from '../layout/SaveOnlyToolbar';

/** 公开设置: the tenant's disclosure categories and how often commitments report progress. */
export function DisclosureSettingsPage() {
  const translate = useTranslate();
  return (
    <Edit
      resource="disclosure-settings"
      id="current"
      mutationMode="pessimistic"
      redirect={false}
      title={translate('dj.disclosure.settings_title')}
      transform={(data: Record<string, unknown>) => ({
        categories: data['categories'],
        progressCadence: data['progressCadence'],
        version: data['version'],
      })}
    >
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        <ArrayInput source="categories" label={translate('dj.disclosure.categories')}>
          <SimpleFormIterator inline disableReordering>
            <TextInput
              source="key"
              label={translate('dj.disclosure.category_key')}
              validate={[required(), regex(/^[a-z][a-z0-9_]{0,29}$/, 'dj.disclosure.category_key_hint')]}
            />
            <TextInput
              source="label"
              label={translate('dj.disclosure.category_label')}
              validate={required()}
            />
          </SimpleFormIterator>
        </ArrayInput>
        <SelectInput
          source="progressCadence"
          label={translate('dj.disclosure.cadence')}
          choices={[
            { id: 'quarterly', name: translate('dj.disclosure.cadences.quarterly') },
            { id: 'monthly', name: translate('dj.disclosure.cadences.monthly') },
          ]}
          translateChoice={false}
          validate={required()}
        />
      </SimpleForm>
    </Edit>
  );
}
