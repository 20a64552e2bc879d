import {
  ArrayInput,
  Edit,
  NumberInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxValue,
  minValue,
  regex,
  required,
  useTranslate,
} from 'react-admin';
import { OrganisationInput } from '../layout/OrganisationInput';
import { SaveOnlyToolbar } from '../layout/SaveOnlyToolbar';

const S = 'dj.appeal_settings';

/**
 * 诉求设置: the tenant's appeal categories with their deadlines in working days and the organisation
 * that handles each (if any), and how long a resolved appeal waits for the citizen. The alert words are
 * edited on the 舆情预警 page; this save leaves them as they are.
 */
export function AppealSettingsPage() {
  const translate = useTranslate();
  return (
    <Edit
      resource="appeal-settings"
      id="current"
      mutationMode="pessimistic"
      redirect={false}
      title={translate(`${S}.title`)}
      transform={(data: Record<string, unknown>) => ({
        categories: ((data['categories'] as Record<string, unknown>[] | undefined) ?? []).map((c) => ({
          key: c['key'],
          label: c['label'],
          deadlineWorkingDays: c['deadlineWorkingDays'],
          ...(c['handlingOrganisationId'] ? { handlingOrganisationId: c['handlingOrganisationId'] } : {}),
        })),
        closeAfterDays: data['closeAfterDays'],
        duplicateWindowDays: data['duplicateWindowDays'],
        version: data['version'],
      })}
    >
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        <ArrayInput source="categories" label={translate(`${S}.categories`)}>
          <SimpleFormIterator disableReordering>
            <TextInput
              source="key"
              label={translate(`${S}.key`)}
              validate={[required(), regex(/^[a-z][a-z0-9_]{0,29}$/, `${S}.key_hint`)]}
            />
            <TextInput source="label" label={translate(`${S}.label`)} validate={required()} />
            <NumberInput
              source="deadlineWorkingDays"
              label={translate(`${S}.deadline`)}
              helperText={translate(`${S}.deadline_hint`)}
              validate={[required(), minValue(0), maxValue(40)]}
            />
            <OrganisationInput source="handlingOrganisationId" />
          </SimpleFormIterator>
        </ArrayInput>
        <NumberInput
          source="closeAfterDays"
          label={translate(`${S}.close_after`)}
          validate={[required(), minValue(1), maxValue(60)]}
        />
        <NumberInput
          source="duplicateWindowDays"
          label={translate(`${S}.duplicate_window`)}
          validate={[required(), minValue(1), maxValue(365)]}
        />
      </SimpleForm>
    </Edit>
  );
}
