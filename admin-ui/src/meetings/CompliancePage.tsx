import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  AutocompleteInput,
  List,
  ReferenceInput,
  SelectInput,
  useListContext,
  useTranslate,
} from 'react-admin';
import { translatedChoices } from '../i18n/choices';
import { TableBox } from '../layout/TableBox';
import { chinaDay } from '../i18n/china-dates';

const STATUSES = ['missed', 'due', 'met', 'upcoming'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_COLOURS = { met: 'success', missed: 'error', due: 'warning', upcoming: 'default' } as const;

interface CompliancePeriod {
  period: string;
  held: number;
  status: Status;
}
interface ComplianceGroup {
  id: string;
  organisationName: string;
  kind: string;
  missed: number;
  periods: CompliancePeriod[];
}

/**
 * 组织生活落实情况: per branch or party group and kind of meeting, each period of the year (met,
 * missed, due, upcoming). Paged by group and filtered by organisation, so a committee with hundreds
 * of branches finds every one of them.
 */
export function CompliancePage() {
  const translate = useTranslate();
  const thisYear = Number(chinaDay().slice(0, 4));
  const filters = [
    <SelectInput
      key="year"
      source="year"
      label="dj.meetings.year"
      choices={[0, 1, 2].map((back) => ({ id: thisYear - back, name: String(thisYear - back) }))}
      translateChoice={false}
      alwaysOn
    />,
    <ReferenceInput
      key="withinId"
      source="withinId"
      reference="organisations"
      sort={{ field: 'name', order: 'ASC' }}
      alwaysOn
    >
      <AutocompleteInput optionText="name" label="dj.meetings.within" sx={{ minWidth: 240 }} />
    </ReferenceInput>,
    <SelectInput
      key="status"
      source="status"
      label="dj.meetings.status_filter"
      choices={translatedChoices(STATUSES, 'dj.compliance_statuses')}
      alwaysOn
    />,
  ];
  return (
    <List
      resource="meeting-compliance-groups"
      title={translate('dj.meetings.compliance')}
      filters={filters}
      filterDefaultValues={{ year: thisYear }}
      sort={{ field: 'organisationName', order: 'ASC' }}
      perPage={25}
      exporter={false}
      actions={false}
      disableSyncWithLocation
      empty={false}
    >
      <ComplianceTable />
    </List>
  );
}

function ComplianceTable() {
  const translate = useTranslate();
  const { data, isPending } = useListContext<ComplianceGroup>();
  if (!isPending && (data ?? []).length === 0)
    return <Typography sx={{ p: 2 }}>{translate('dj.meetings.no_compliance')}</Typography>;
  return (
    <TableBox>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.meetings.fields.organisationName')}</TableCell>
            <TableCell>{translate('resources.meetings.fields.kind')}</TableCell>
            <TableCell>{translate('dj.meetings.missed_count')}</TableCell>
            <TableCell>{translate('dj.meetings.periods')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(data ?? []).map((group) => (
            <TableRow key={group.id}>
              <TableCell>{group.organisationName}</TableCell>
              <TableCell>{translate(`dj.meeting_kinds.${group.kind}`)}</TableCell>
              <TableCell>{group.missed}</TableCell>
              <TableCell>
                {group.periods.map((row) => (
                  <Chip
                    key={row.period}
                    size="small"
                    sx={{ mr: 0.5, mb: 0.5 }}
                    color={STATUS_COLOURS[row.status]}
                    label={`${row.period} ${translate(`dj.compliance_statuses.${row.status}`)}`}
                    data-status={row.status}
                  />
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableBox>
  );
}
