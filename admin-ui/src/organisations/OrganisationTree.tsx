import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Box,
  Card,
  Chip,
  IconButton,
  List as MuiList,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Button,
  CreateButton,
  EditButton,
  Loading,
  Title,
  useGetList,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import { Link } from 'react-router-dom';

interface Org {
  id: string;
  name: string;
  code: string;
  kind: string;
  parentId: string | null;
  childCount: number;
  memberCount: number;
  formationWarnings: string[];
  gridLabel: string;
  joint: boolean;
}

const ALL = { page: 1, perPage: 500 };
const BY_NAME = { field: 'name', order: 'ASC' as const };

/** One organisation; its children are fetched when it is opened. */
function TreeNode({ org, depth }: { org: Org; depth: number }) {
  const [open, setOpen] = useState(depth === 0);
  const translate = useTranslate();
  const { data: children, isPending } = useGetList<Org>(
    'organisations',
    { filter: { parentId: org.id }, pagination: ALL, sort: BY_NAME },
    { enabled: open && org.childCount > 0 },
  );
  return (
    <>
      <ListItem
        dense
        sx={{ pl: { xs: depth, sm: 1 + depth * 3 }, pr: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}
      >
        <IconButton
          size="small"
          aria-label={translate(open ? 'dj.actions.collapse' : 'dj.actions.expand')}
          disabled={org.childCount === 0}
          onClick={() => setOpen(!open)}
        >
          {org.childCount === 0 ? (
            <Box sx={{ width: 20 }} />
          ) : open ? (
            <ExpandMoreIcon />
          ) : (
            <ChevronRightIcon />
          )}
        </IconButton>
        <ListItemText
          primary={
            <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
              {org.name}
              <Chip size="small" label={translate(`dj.organisation_kinds.${org.kind}`)} />
              {org.gridLabel ? (
                <Chip size="small" variant="outlined" label={translate(`dj.grid_labels.${org.gridLabel}`)} />
              ) : null}
              {org.joint ? (
                <Chip
                  size="small"
                  variant="outlined"
                  label={translate('resources.organisations.fields.joint')}
                />
              ) : null}
              {org.formationWarnings.map((warning) => (
                <Chip
                  key={warning}
                  size="small"
                  color="warning"
                  label={translate(`dj.formation_warnings.${warning}`)}
                />
              ))}
            </Box>
          }
          secondary={`${org.code}${org.childCount ? ` · ${translate('dj.organisation.children', { smart_count: org.childCount })}` : ''}${org.memberCount ? ` · ${translate('dj.organisation.members', { smart_count: org.memberCount })}` : ''}`}
          sx={{ minWidth: 0 }}
        />
        {/* Beside the name on a desktop, below it on a phone: the tree is edited on both. */}
        <Box
          sx={{
            display: 'flex',
            gap: 1,
            ml: { xs: 4, sm: 'auto' },
            width: { xs: '100%', sm: 'auto' },
            flexShrink: 0,
          }}
        >
          {org.kind !== 'group' ? (
            <Button
              component={Link}
              to={`/organisations/create?source=${encodeURIComponent(JSON.stringify({ parentId: org.id }))}`}
              label="dj.actions.add_child"
            />
          ) : null}
          <EditButton record={org} resource="organisations" />
        </Box>
      </ListItem>
      {open && isPending && org.childCount > 0 ? (
        <Typography sx={{ pl: 6 + depth * 3 }} variant="body2">
          …
        </Typography>
      ) : null}
      {open
        ? (children ?? []).map((child) => <TreeNode key={child.id} org={child} depth={depth + 1} />)
        : null}
    </>
  );
}

/**
 * The tenant's organisation tree. A tenant admin starts at the roots; a secretary, who sees only
 * their subtrees, starts at the top of what they see (the API's `roots` are the scope's tops then).
 */
export function OrganisationTree() {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const roots = useGetList<Org>('organisations', { filter: { roots: true }, pagination: ALL, sort: BY_NAME });
  if (roots.isPending) return <Loading />;
  const tops = roots.data ?? [];
  // A new root committee is a tenant admin's; a secretary adds below the organisations they manage.
  const mayCreateRoot = permissions?.platformOperator || permissions?.roles.includes('tenant-admin');
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.organisations.name', { smart_count: 2 })} />
      {mayCreateRoot ? (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
          <CreateButton resource="organisations" />
        </Box>
      ) : null}
      <Card>
        <MuiList aria-label={translate('resources.organisations.name', { smart_count: 2 })}>
          {tops.map((org) => (
            <TreeNode key={org.id} org={org} depth={0} />
          ))}
        </MuiList>
      </Card>
    </Box>
  );
}
