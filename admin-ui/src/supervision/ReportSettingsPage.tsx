import { Edit, NumberInput, SimpleForm, maxValue, minValue, required, useTranslate } from 'react-admin';
import { SaveOnlyToolbar } from '../layout/SaveOnlyToolbar';

const S = 'dj.report_settings';

/** 举报设置 (the inspectors'): deadlines, how long closed reports are kept, and when a branch is small. */
export function ReportSettingsPage() {
  const translate = useTranslate();
  // The bounds the server holds too (it names the field when one is out).
  const days = (source: string, min: number, max: number) => (
    <NumberInput
      source={source}
      label={translate(`${S}.${source}`)}
      validate={[required(), minValue(min), maxValue(max)]}
    />
  );
  return (
    <Edit
      resource="report-settings"
      id="current"
      mutationMode="pessimistic"
      redirect={false}
      title={translate(`${S}.title`)}
      transform={(data: Record<string, unknown>) => {
        const { id: _id, ...fields } = data;
        return fields;
      }}
    >
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        {days('acknowledgeDays', 1, 30)}
        {days('feedbackDays', 7, 365)}
        {days('forwardWorkingDays', 1, 20)}
        {days('retentionDays', 0, 3650)}
        {days('smallOrganisationSize', 0, 1000)}
      </SimpleForm>
    </Edit>
  );
}
