import {
  Alert,
  Button,
  Card,
  CardActionArea,
  CardContent,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { useMy } from '../member-space/useMy';

export interface Topic {
  id: string;
  title: string;
  body: string;
  authorName: string;
  postCount: number;
  lastPostAt: string;
  createdAt: string;
}

/**
 * The topics of a course or of my organisations, newest activity first, and a short form to open one
 * (`place` says where: a course, or my own organisation once the list has told which it is).
 */
export function DiscussionTopics({
  filter,
  place,
}: {
  filter: Record<string, unknown>;
  place?: Record<string, string>;
}) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const query = `/discussion-topics?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,49]')}&sort=${encodeURIComponent('["lastPostAt","DESC"]')}`;
  const { data, error, reload } = useMy<{ topics: Topic[]; myOrganisationId: string }>(
    query,
    (json, headers) => ({
      topics: json as Topic[],
      myOrganisationId: headers.get('X-My-Organisation') ?? '',
    }),
  );
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<string>();
  const where = place ?? (data?.myOrganisationId ? { organisationId: data.myOrganisationId } : undefined);
  const open = async () => {
    try {
      await dataProvider.send('POST', '/discussion-topics', { ...where, title, body });
      setTitle('');
      setBody('');
      setFailure(undefined);
      reload();
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <Stack spacing={1} data-testid="discussion-topics">
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data?.topics.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.talk.no_topics')}</Typography>
      ) : null}
      {(data?.topics ?? []).map((topic) => (
        <Card key={topic.id} data-testid="discussion-topic">
          <CardActionArea component={Link} to={`/me/learning/topics/${topic.id}`}>
            <CardContent>
              <Typography sx={{ fontWeight: 500 }}>{topic.title}</Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('dj.talk.topic_line', {
                  author: topic.authorName,
                  posts: topic.postCount,
                  at: chinaTime(topic.lastPostAt || topic.createdAt),
                })}
              </Typography>
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
      {where ? (
        <>
          <TextField
            size="small"
            label={translate('dj.talk.new_title')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <TextField
            size="small"
            label={translate('dj.talk.new_body')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            multiline
            minRows={2}
          />
          <Button
            variant="outlined"
            sx={{ alignSelf: 'flex-start' }}
            disabled={!title.trim()}
            onClick={() => void open()}
          >
            {translate('dj.talk.open_topic')}
          </Button>
        </>
      ) : null}
      {failure ? <Alert severity="error">{failure}</Alert> : null}
    </Stack>
  );
}
