import { Chip } from '@mui/material';
import {
  AutocompleteInput,
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { formatFen } from '../i18n/money';
import { usePhone } from '../layout/usePhone';

interface Payment {
  months: string[];
  duesFen: number;
  voluntaryFen: number;
  largeVoluntary: boolean;
  provider: string;
  paidByName: string;
}

/**
 * 党费交纳记录: every payment in the tenant or below an organisation, newest first — the months it
 * settles, dues and any voluntary extra (¥1,000+ flagged: passed up in full), and who paid for whom.
 * Payments are records: recorded on the member's page, never edited here.
 */
export function DuesPaymentList() {
  const translate = useTranslate();
  const phone = usePhone();
  const filters = [
    <ReferenceInput
      key="withinId"
      source="withinId"
      reference="organisations"
      sort={{ field: 'name', order: 'ASC' }}
      alwaysOn
    >
      <AutocompleteInput
        optionText="name"
        label="resources.dues-payments.fields.withinId"
        sx={{ minWidth: 280 }}
      />
    </ReferenceInput>,
  ];
  return (
    <List filters={filters} sort={{ field: 'paidOn', order: 'DESC' }} exporter={false}>
      <Datagrid
        bulkActionButtons={false}
        rowClick={(_id, _resource, record) => `/members/${String(record['memberId'])}/show`}
      >
        <TextField source="paidOn" />
        <ReferenceField source="memberId" reference="members" link={false} sortable={false}>
          <TextField source="name" />
        </ReferenceField>
        {phone ? null : (
          <FunctionField
            label="resources.dues-payments.fields.months"
            render={(p: Payment) => p.months.join('、')}
          />
        )}
        <FunctionField
          label="resources.dues-payments.fields.duesFen"
          textAlign="right"
          render={(p: Payment) => formatFen(p.duesFen)}
        />
        {phone ? null : (
          <FunctionField
            label="resources.dues-payments.fields.voluntaryFen"
            textAlign="right"
            render={(p: Payment) => (
              <>
                {p.voluntaryFen ? formatFen(p.voluntaryFen) : '—'}
                {p.largeVoluntary ? (
                  <Chip size="small" color="warning" sx={{ ml: 1 }} label={translate('dj.dues.large_flag')} />
                ) : null}
              </>
            )}
          />
        )}
        {phone ? null : (
          <FunctionField
            label="resources.dues-payments.fields.provider"
            render={(p: Payment) => translate(`dj.dues.providers.${p.provider}`, { _: p.provider })}
          />
        )}
        {phone ? null : <TextField source="paidByName" emptyText="—" sortable={false} />}
      </Datagrid>
    </List>
  );
}
