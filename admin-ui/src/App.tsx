import { Admin, CustomRoutes, Resource, defaultTheme } from 'react-admin';
import { Route } from 'react-router-dom';
import { createAuthProvider, hasModule, type Permissions } from './auth/authProvider';
import type { ConsoleConfig } from './auth/oidc';
import { createDataProvider } from './data/dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { TenantCreate } from './tenants/TenantCreate';
import { TenantEdit } from './tenants/TenantEdit';
import { TenantList } from './tenants/TenantList';
import { UserEdit, UserList } from './users/users';
import { InvitationCreate, InvitationList } from './invitations/invitations';
import { OrganisationCreate, OrganisationEdit } from './organisations/OrganisationForms';
import { OrganisationTree } from './organisations/OrganisationTree';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BadgeIcon from '@mui/icons-material/Badge';
import { MemberCreate, MemberEdit, MemberList, MemberShow } from './members/members';
import { ImportPage } from './imports/ImportPage';
import { SettingsPage } from './settings/SettingsPage';
import { PointsSettingsPage } from './points/PointsSettingsPage';
import { ModerationPage } from './discussion/ModerationPage';
import { MyOrganisationTopicsPage, TopicPage } from './discussion/TopicPage';
import { StatisticsPage } from './statistics/StatisticsPage';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import EventIcon from '@mui/icons-material/Event';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import GroupsIcon from '@mui/icons-material/Groups';
import { PositionCreate, PositionList } from './positions/positions';
import {
  GraduateOverdueList,
  TransferCreate,
  TransferList,
  TransferOverdueList,
  TransferShow,
} from './transfers/transfers';
import { CompliancePage } from './meetings/CompliancePage';
import { MeetingCalendar, MeetingCreate, MeetingList, MeetingShow } from './meetings/meetings';
import { SignInPage } from './meetings/SignInPage';
import { SelfWithdrawalCaseList } from './self-withdrawal/self-withdrawal-cases';
import { DuesPage } from './dues/DuesPage';
import { DuesPaymentList } from './dues/DuesPaymentList';
import { CONSOLE_RESOURCES } from './resources.gen';
import { CalendarYearCreate, CalendarYearEdit, CalendarYearList } from './calendar/calendar-years';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import { MyHomePage } from './member-space/HomePage';
import { MyRecordPage } from './member-space/RecordPage';
import { MyMeetingPage, MyMeetingsPage } from './member-space/MeetingsPage';
import {
  MyAttemptPage,
  MyCoursePage,
  MyLearningPage,
  MyLessonPage,
  MyWrongAnswersPage,
} from './member-space/LearningPage';
import { MyThoughtReportsPage } from './member-space/ThoughtReportsPage';
import { MyDuesPage } from './member-space/MyDuesPage';
import { MyNotificationsPage } from './member-space/NotificationsPage';
import { MyReceiptPage } from './member-space/ReceiptPage';
import { MyTransferPage } from './member-space/TransferPage';
import { MyDisclosuresPage } from './member-space/MyDisclosuresPage';
import { MyBallotsPage } from './member-space/MyBallotsPage';
import { AppealSettingsPage } from './supervision/AppealSettingsPage';
import { ReportSettingsPage } from './supervision/ReportSettingsPage';
import { MyMicroWishesPage } from './member-space/MyMicroWishesPage';
import { DisclosureSettingsPage } from './disclosure/DisclosureSettingsPage';
import { MessageChannelsPage } from './notifications/MessageChannelsPage';

const theme = { ...defaultTheme, palette: { primary: { main: '#c8102e' }, secondary: { main: '#8b0000' } } };

export function App({ config }: { config: ConsoleConfig }) {
  return (
    <Admin
      title="党建云"
      authProvider={createAuthProvider(config, () => i18nProvider.getLocale())}
      dataProvider={createDataProvider(config)}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={Layout}
      theme={theme}
      requireAuth
      // A party-building console calls no third party: react-admin's usage ping stays off.
      disableTelemetry
    >
      {(permissions: Permissions) => {
        const staff = permissions?.roles.some((role) => role === 'tenant-admin' || role === 'secretary');
        // A tenant without the organisation module (the platform catalogue) has no tree, members or meetings.
        const organisationStaff = staff && hasModule(permissions, 'organisation');
        return [
          permissions?.platformOperator ? (
            <Resource
              key="tenants"
              name="tenants"
              list={TenantList}
              create={TenantCreate}
              edit={TenantEdit}
            />
          ) : null,
          permissions?.platformOperator ? (
            <Resource
              key="calendar-years"
              name="calendar-years"
              icon={CalendarMonthIcon}
              list={CalendarYearList}
              create={CalendarYearCreate}
              edit={CalendarYearEdit}
            />
          ) : null,
          organisationStaff ? (
            <Resource
              key="organisations"
              name="organisations"
              icon={AccountTreeIcon}
              list={OrganisationTree}
              create={OrganisationCreate}
              edit={OrganisationEdit}
            />
          ) : null,
          organisationStaff ? (
            <Resource
              key="positions"
              name="positions"
              icon={GroupsIcon}
              list={PositionList}
              create={PositionCreate}
            />
          ) : null,
          organisationStaff ? (
            <Resource
              key="members"
              name="members"
              icon={BadgeIcon}
              list={MemberList}
              show={MemberShow}
              create={MemberCreate}
              edit={MemberEdit}
              recordRepresentation="name"
            />
          ) : null,
          organisationStaff ? (
            <Resource
              key="transfers"
              name="transfers"
              icon={SwapHorizIcon}
              list={TransferList}
              show={TransferShow}
              create={TransferCreate}
              recordRepresentation="memberName"
            />
          ) : null,
          organisationStaff ? (
            <Resource
              key="meetings"
              name="meetings"
              icon={EventIcon}
              list={MeetingList}
              show={MeetingShow}
              create={MeetingCreate}
              recordRepresentation="title"
            />
          ) : null,
          organisationStaff ? (
            <Resource
              key="withdrawal-cases"
              name="withdrawal-cases"
              icon={ReportProblemIcon}
              list={SelfWithdrawalCaseList}
            />
          ) : null,
          organisationStaff ? (
            <Resource
              key="dues-payments"
              name="dues-payments"
              icon={ReceiptLongIcon}
              list={DuesPaymentList}
            />
          ) : null,
          permissions?.roles.includes('tenant-admin') ||
          (permissions?.platformOperator && permissions.tenant) ? (
            <Resource key="users" name="users" list={UserList} edit={UserEdit} />
          ) : null,
          permissions?.roles.includes('tenant-admin') ||
          (permissions?.platformOperator && permissions.tenant) ? (
            <Resource key="invitations" name="invitations" list={InvitationList} create={InvitationCreate} />
          ) : null,
          ...(staff
            ? [
                // Resources the member page and the import page read through react-admin's hooks (no menu entry of their own).
                <Resource key="development" name="development" />,
                <Resource key="publicity-periods" name="publicity-periods" />,
                <Resource key="publicity-objections" name="publicity-objections" />,
                <Resource key="thought-reports" name="thought-reports" />,
                <Resource key="import-jobs" name="import-jobs" />,
                <Resource key="import-job-errors" name="import-job-errors" />,
                <Resource key="statistics" name="statistics" />,
                <Resource key="organisation-settings" name="organisation-settings" />,
                <Resource key="attendance" name="attendance" />,
                <Resource key="meeting-compliance" name="meeting-compliance" />,
                <Resource key="transfer-overdue" name="transfer-overdue" />,
                <Resource key="dues-reports" name="dues-reports" />,
                <Resource key="graduate-overdue" name="graduate-overdue" />,
                <Resource key="graduations" name="graduations" />,
                <Resource key="dues-ledger" name="dues-ledger" />,
                <Resource key="dues-differences" name="dues-differences" />,
                <CustomRoutes key="organisation-pages">
                  <Route path="/import" element={<ImportPage />} />
                  <Route path="/statistics-dashboard" element={<StatisticsPage />} />
                  <Route path="/settings" element={<SettingsPage />} />
                  <Route path="/points-settings" element={<PointsSettingsPage />} />
                  <Route path="/discussion-moderation" element={<ModerationPage />} />
                  <Route path="/message-channels" element={<MessageChannelsPage />} />
                  <Route path="/transfer-chase" element={<TransferOverdueList />} />
                  <Route path="/dues" element={<DuesPage />} />
                  <Route path="/graduate-chase" element={<GraduateOverdueList />} />
                  <Route path="/meeting-calendar" element={<MeetingCalendar />} />
                  <Route path="/meeting-compliance-report" element={<CompliancePage />} />
                </CustomRoutes>,
              ]
            : []),
          // Resources declared in a module of their own (resources.gen.ts, derived), for the roles they name.
          ...CONSOLE_RESOURCES.filter(
            (resource) =>
              permissions?.roles.some((role) => resource.roles.includes(role)) &&
              hasModule(permissions, resource.module),
          ).map((resource) => (
            <Resource
              key={resource.name}
              name={resource.name}
              icon={resource.icon}
              list={resource.list}
              create={resource.create}
              edit={resource.edit}
              show={resource.show}
              recordRepresentation={resource.recordRepresentation}
            />
          )),
          // The tenant's disclosure settings (its admins), where disclosure is on.
          ...(permissions?.roles.includes('tenant-admin') && hasModule(permissions, 'disclosure')
            ? [
                <Resource key="disclosure-settings" name="disclosure-settings" />,
                <CustomRoutes key="disclosure-pages">
                  <Route path="/disclosure-settings" element={<DisclosureSettingsPage />} />
                </CustomRoutes>,
              ]
            : []),
          // Supervision's settings: appeal categories (tenant admins), report deadlines (inspectors).
          ...(permissions?.roles.includes('tenant-admin') && hasModule(permissions, 'supervision')
            ? [
                <Resource key="appeal-settings" name="appeal-settings" />,
                <CustomRoutes key="appeal-settings-page">
                  <Route path="/appeal-settings" element={<AppealSettingsPage />} />
                </CustomRoutes>,
              ]
            : []),
          ...(permissions?.roles.includes('inspector') && hasModule(permissions, 'supervision')
            ? [
                <Resource key="report-settings" name="report-settings" />,
                <CustomRoutes key="report-settings-page">
                  <Route path="/report-settings" element={<ReportSettingsPage />} />
                </CustomRoutes>,
              ]
            : []),
          // Every signed-in person: the page a meeting's QR code opens.
          <CustomRoutes key="everyone">
            <Route path="/sign-in" element={<SignInPage />} />
          </CustomRoutes>,
          // Everyone with a role in the tenant: their own space (党员e家), in its own layout.
          permissions?.tenant ? (
            <CustomRoutes key="member-space">
              <Route path="/me" element={<MyHomePage />} />
              <Route path="/me/record" element={<MyRecordPage />} />
              <Route path="/me/meetings" element={<MyMeetingsPage />} />
              <Route path="/me/meetings/:id" element={<MyMeetingPage />} />
              <Route path="/me/learning" element={<MyLearningPage />} />
              <Route path="/me/learning/courses/:id" element={<MyCoursePage />} />
              <Route path="/me/learning/courses/:id/lessons/:lessonId" element={<MyLessonPage />} />
              <Route path="/me/learning/attempts/:id" element={<MyAttemptPage />} />
              <Route path="/me/learning/wrong-answers" element={<MyWrongAnswersPage />} />
              <Route path="/me/learning/discussion" element={<MyOrganisationTopicsPage />} />
              <Route path="/me/learning/topics/:id" element={<TopicPage />} />
              <Route path="/me/thought-reports" element={<MyThoughtReportsPage />} />
              <Route path="/me/dues" element={<MyDuesPage />} />
              <Route path="/me/notifications" element={<MyNotificationsPage />} />
              <Route path="/me/dues/receipts/:paymentId" element={<MyReceiptPage />} />
              <Route path="/me/transfer" element={<MyTransferPage />} />
              <Route path="/me/disclosures" element={<MyDisclosuresPage />} />
              <Route path="/me/ballots" element={<MyBallotsPage />} />
              <Route path="/me/micro-wishes" element={<MyMicroWishesPage />} />
            </CustomRoutes>
          ) : null,
        ];
      }}
    </Admin>
  );
}
