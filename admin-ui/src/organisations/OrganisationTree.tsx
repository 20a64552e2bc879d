import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, Card, Chip, IconButton, List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, CreateButton, EditButton, Loading, Title, useGetList, useTranslate } from 'react-admin';
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
  const { data: children, isPending } = useGetList<Org>('organisations', { filter: { parentId: org.id }, pagination: ALL, sort: BY_NAME }, { enabled: open && org.childCount > 0 });
  return (
    <>
      <ListItem
        dense
        sx={{ pl: 1 + depth * 3, pr: { xs: 1, sm: 30 } }}
        secondaryAction={
          <Box sx={{ display: { xs: 'none', sm: 'flex' }, gap: 1 }}>
            {org.kind !== 'group' ? (
              <Button component={Link} to={`/organisations/create?source=${encodeURIComponent(JSON.stringify({ parentId: org.id }))}`} label="dj.actions.add_child" />
            ) : null}
            <EditButton record={org} resource="organisations" />
          </Box>
        }
      >
        <IconButton size="small" aria-label={open ? 'collapse' : 'expand'} disabled={org.childCount === 0} onClick={() => setOpen(!open)}>
          {org.childCount === 0 ? <Box sx={{ width: 20 }} /> : open ? <ExpandMoreIcon /> : <ChevronRightIcon />}
        </IconButton>
        <ListItemText
          primary={
            <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
              {org.name}
              <Chip size="small" label={translate(`dj.organisation_kinds.${org.kind}`)} />
              {org.gridLabel ? <Chip size="small" variant="outlined" label={translate(`dj.grid_labels.${org.gridLabel}`)} /> : null}
              {org.joint ? <Chip size="small" variant="outlined" label={translate('resources.organisations.fields.joint')} /> : null}
              {org.formationWarnings.map((warning) => (
                <Chip key={warning} size="small" color="warning" label={translate(`dj.formation_warnings.${warning}`)} />
              ))}
            </Box>
          }
          secondary={`${org.code}${org.childCount ? ` · ${translate('dj.organisation.children', { smart_count: org.childCount })}` : ''}${org.memberCount ? ` · ${translate('dj.organisation.members', { smart_count: org.memberCount })}` : ''}`}
        />
      </ListItem>
      {open && isPending && org.childCount > 0 ? <Typography sx={{ pl: 6 + depth * 3 }} variant="body2">…</Typography> : null}
      {open ? (children ?? []).map((child) => <TreeNode key={child.id} org={child} depth={depth + 1} />) : null}
    </>
  );
}

/**
 * The tenant's organisation tree. A tenant admin starts at the roots; a secretary, who sees only
 * their subtrees, starts at the top of what they see.
 */
export function OrganisationTree() {
  const translate = useTranslate();
  const roots = useGetList<Org>('organisations', { filter: { roots: true }, pagination: ALL, sort: BY_NAME });
  const everything = useGetList<Org>('organisations', { pagination: ALL, sort: BY_NAME }, { enabled: !roots.isPending && (roots.data ?? []).length === 0 });
  if (roots.isPending) return <Loading />;
  let tops = roots.data ?? [];
  if (tops.length === 0 && everything.data) {
    const ids = new Set(everything.data.map((o) => o.id));
    tops = everything.data.filter((o) => !o.parentId || !ids.has(o.parentId));
  }
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.organisations.name', { smart_count: 2 })} />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
        <CreateButton resource="organisations" />
      </Box>
      <Card>
        <MuiList aria-label={translate('resources.organisations.name', { smart_count: 2 })}>
          {tops.map((org) => <TreeNode key={org.id} org={org} depth={0} />)}
        </MuiList>
      </Card>
    </Box>
  );
}
