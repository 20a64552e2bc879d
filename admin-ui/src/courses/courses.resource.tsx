import { Create, Datagrid, List, SimpleForm, TextField, TextInput, required } from 'react-admin';
import type { ConsoleResource } from '../layout/console-resource';
import { ChinaDateField } from '../layout/ChinaDateField';
import { TableBox } from '../layout/TableBox';

function CourseList() {
  return (
    <List filters={[<TextInput key="q" source="q" alwaysOn />]} sort={{ field: 'name', order: 'ASC' }}>
      <TableBox>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="name" />
          <TextField source="note" />
          <ChinaDateField source="createdAt" showTime />
        </Datagrid>
      </TableBox>
    </List>
  );
}

function CourseCreate() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="note" multiline />
      </SimpleForm>
    </Create>
  );
}

/** 课程: the list and the form, for admins and secretaries. */
export const coursesResource: ConsoleResource = {
  name: 'courses',
  roles: ['tenant-admin', 'secretary'],
  list: CourseList,
  create: CourseCreate,
  recordRepresentation: 'name',
  messages: {
    'zh-CN': {
      name: '课程 |||| 课程',
      fields: { name: '名称', note: '备注', createdAt: '创建时间', q: '搜索' },
    },
    en: {
      name: 'Course |||| Courses',
      fields: { name: 'Name', note: 'Note', createdAt: 'Created', q: 'Search' },
    },
  },
};
