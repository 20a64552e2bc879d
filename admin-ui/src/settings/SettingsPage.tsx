import {
  Edit,
  NumberInput,
  SelectInput,
  SimpleForm,
  required,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import { SaveOnlyToolbar } from '../layout/SaveOnlyToolbar';

/** The tenant's durations and cadences (defaults from rules.md); tenant admins change them. */
export function SettingsPage() {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const admin = Boolean(permissions?.roles.includes('tenant-admin'));
  return (
    <Edit
      resource="organisation-settings"
      id="current"
      mutationMode="pessimistic"
      redirect={false}
      title={translate('dj.settings.title')}
      transform={(data: Record<string, unknown>) => ({
        thoughtReportCadenceMonths: data['thoughtReportCadenceMonths'],
        minApplicantMonths: data['minApplicantMonths'],
        publicityWorkingDays: data['publicityWorkingDays'],
        transferApprovalLevels: data['transferApprovalLevels'],
        letterValidityDays: data['letterValidityDays'],
        partyLectureMonths: data['partyLectureMonths'],
        withdrawalWarningMonths: data['withdrawalWarningMonths'],
      })}
    >
      <SimpleForm toolbar={admin ? <SaveOnlyToolbar /> : false}>
        <NumberInput
          source="thoughtReportCadenceMonths"
          min={1}
          max={12}
          validate={required()}
          disabled={!admin}
          helperText="dj.settings.cadence_hint"
        />
        <NumberInput
          source="minApplicantMonths"
          min={0}
          max={36}
          validate={required()}
          disabled={!admin}
          helperText="dj.settings.applicant_hint"
        />
        <NumberInput
          source="publicityWorkingDays"
          min={1}
          max={30}
          validate={required()}
          disabled={!admin}
          helperText="dj.settings.publicity_hint"
        />
        <SelectInput
          source="transferApprovalLevels"
          choices={[
            { id: 1, name: '1' },
            { id: 2, name: '2' },
          ]}
          validate={required()}
          disabled={!admin}
        />
        <NumberInput
          source="letterValidityDays"
          min={1}
          max={181}
          validate={required()}
          disabled={!admin}
          helperText="dj.settings.letter_hint"
        />
        <SelectInput
          source="partyLectureMonths"
          choices={[1, 2, 3, 4, 6, 12].map((n) => ({ id: n, name: String(n) }))}
          validate={required()}
          disabled={!admin}
          helperText="dj.settings.lecture_hint"
        />
        <NumberInput
          source="withdrawalWarningMonths"
          min={1}
          max={5}
          validate={required()}
          disabled={!admin}
          helperText="dj.settings.withdrawal_hint"
        />
      </SimpleForm>
    </Edit>
  );
}
