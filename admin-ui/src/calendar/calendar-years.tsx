import {
  ArrayInput,
  Create,
  Datagrid,
  DateInput,
  Edit,
  FunctionField,
  List,
  NumberInput,
  SimpleForm,
  SimpleFormIterator,
  SimpleList,
  TextField,
  required,
  useDataProvider,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { ChinaDateField } from '../layout/ChinaDateField';
import { SaveOnlyToolbar } from '../layout/SaveOnlyToolbar';
import { usePhone } from '../layout/usePhone';

/*
 * 节假日安排 (issue 14): the platform operator keeps each year's holidays and adjusted working weekends
 * from the State Council's notice; publicity periods are counted in working days on this calendar.
 */
interface CalendarYearRecord {
  id: number;
  year: number;
  source: 'code' | 'operator';
  holidays: { first: string; last: string }[];
  workingWeekends: string[];
}

/** Dates travel as YYYY-MM-DD. */
const dateOnly = (value: string | null) => (value ? String(value).slice(0, 10) : '');

/** The form holds working weekends as objects ({ day }), the API as plain dates. */
const toForm = (record: CalendarYearRecord) => ({
  ...record,
  workingWeekends: record.workingWeekends.map((day) => ({ day })),
});
const fromForm = (data: Record<string, unknown>) => ({
  holidays: data['holidays'],
  workingWeekends: ((data['workingWeekends'] as { day: string }[] | undefined) ?? []).map((w) => w.day),
});

export function CalendarYearList() {
  const phone = usePhone();
  const translate = useTranslate();
  const source = (r: CalendarYearRecord) => translate(`dj.calendar.sources.${r.source}`);
  return (
    <List sort={{ field: 'year', order: 'ASC' }} pagination={false} perPage={100}>
      {phone ? (
        <SimpleList<CalendarYearRecord>
          primaryText={(r) => String(r.year)}
          secondaryText={(r) =>
            translate('dj.calendar.summary', {
              holidays: r.holidays.length,
              weekends: r.workingWeekends.length,
            })
          }
          tertiaryText={source}
          linkType="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="year" sortable={false} />
          <FunctionField source="source" sortable={false} render={source} />
          <FunctionField
            source="holidays"
            sortable={false}
            render={(r: CalendarYearRecord) =>
              translate('dj.calendar.summary', {
                holidays: r.holidays.length,
                weekends: r.workingWeekends.length,
              })
            }
          />
          <ChinaDateField source="updatedAt" showTime emptyText="—" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}

function YearFields() {
  return (
    <>
      <ArrayInput source="holidays">
        <SimpleFormIterator inline disableReordering>
          <DateInput source="first" label="dj.calendar.first" parse={dateOnly} validate={required()} />
          <DateInput source="last" label="dj.calendar.last" parse={dateOnly} validate={required()} />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="workingWeekends">
        <SimpleFormIterator inline disableReordering>
          <DateInput source="day" label="dj.calendar.day" parse={dateOnly} validate={required()} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}

export function CalendarYearEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      queryOptions={{ select: (record: CalendarYearRecord) => toForm(record) as never }}
      transform={fromForm}
      redirect="list"
    >
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        <TextField source="year" />
        <YearFields />
      </SimpleForm>
    </Edit>
  );
}

/** A year not in the calendar yet (the next one, once its notice is out): saved with PUT like an edit. */
export function CalendarYearCreate() {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const redirect = useRedirect();
  const translate = useTranslate();
  const save = async (data: Record<string, unknown>) => {
    try {
      const year = Number(data['year']);
      await dataProvider.update('calendar-years', {
        id: year,
        data: fromForm(data),
        previousData: { id: year },
      });
      notify(translate('dj.calendar.saved', { year }), { type: 'success' });
      redirect('list', 'calendar-years');
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Create>
      <SimpleForm
        onSubmit={save}
        defaultValues={{ year: new Date().getFullYear() + 1, holidays: [], workingWeekends: [] }}
      >
        <NumberInput source="year" min={2000} max={2100} validate={required()} />
        <YearFields />
      </SimpleForm>
    </Create>
  );
}
