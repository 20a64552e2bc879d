import { Alert, Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { useMy } from '../member-space/useMy';
import { DiscussionTopics, type Topic } from './DiscussionTopics';

interface Post {
  id: string;
  parentId: string;
  body: string;
  authorName: string;
  mine: boolean;
  state: string;
  reportedByMe: boolean;
  createdAt: string;
}

/** A topic on a phone: posts with their replies beneath, a reply box, and 举报 on others' posts. */
export function TopicPage() {
  const { id } = useParams();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data, error, reload } = useMy<Topic & { posts: Post[]; moderator: boolean }>(
    `/discussion-topics/${id}`,
  );
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<Post>();
  const [failure, setFailure] = useState<string>();
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      setFailure(undefined);
      reload();
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return null;
  const replies = (post: Post) => data.posts.filter((p) => p.parentId === post.id);
  const show = (post: Post, depth: number) => (
    <Box key={post.id} sx={{ ml: depth === 0 ? 0 : 2 }}>
      <Card data-testid="discussion-post" variant={depth === 0 ? 'elevation' : 'outlined'}>
        <CardContent>
          <Typography variant="caption" color="text.secondary">
            {`${post.authorName} · ${chinaTime(post.createdAt)}`}
          </Typography>
          {post.state !== 'visible' ? (
            <Chip size="small" sx={{ ml: 1 }} label={translate(`dj.talk.states.${post.state}`)} />
          ) : null}
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>
            {post.body || translate(`dj.talk.withheld.${post.state}`)}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
            {post.state === 'visible' ? (
              <Button size="small" onClick={() => setReplyTo(post)}>
                {translate('dj.talk.reply')}
              </Button>
            ) : null}
            {!post.mine && post.state === 'visible' ? (
              <Button
                size="small"
                color="warning"
                disabled={post.reportedByMe}
                onClick={() =>
                  void act(() => dataProvider.send('POST', `/discussion-posts/${post.id}/reports`, {}))
                }
              >
                {translate(post.reportedByMe ? 'dj.talk.reported' : 'dj.talk.report')}
              </Button>
            ) : null}
          </Stack>
        </CardContent>
      </Card>
      {replies(post).map((reply) => show(reply, depth + 1))}
    </Box>
  );
  return (
    <Stack spacing={1.5}>
      <Title title={data.title} />
      <Typography variant="h6" component="h1">
        {data.title}
      </Typography>
      {data.body ? <Typography sx={{ whiteSpace: 'pre-wrap' }}>{data.body}</Typography> : null}
      <Typography variant="caption" color="text.secondary">
        {translate('dj.talk.opened_by', { author: data.authorName, at: chinaTime(data.createdAt) })}
      </Typography>
      {data.posts.filter((p) => !p.parentId).map((post) => show(post, 0))}
      <TextField
        label={
          replyTo
            ? translate('dj.talk.reply_to', { author: replyTo.authorName })
            : translate('dj.talk.new_post')
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
        multiline
        minRows={2}
      />
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          disabled={!text.trim()}
          onClick={() =>
            void act(async () => {
              await dataProvider.send('POST', `/discussion-topics/${id}/posts`, {
                body: text,
                ...(replyTo ? { parentId: replyTo.id } : {}),
              });
              setText('');
              setReplyTo(undefined);
            })
          }
        >
          {translate('dj.talk.send')}
        </Button>
        {replyTo ? (
          <Button onClick={() => setReplyTo(undefined)}>{translate('dj.talk.cancel_reply')}</Button>
        ) : null}
      </Stack>
      {failure ? <Alert severity="error">{failure}</Alert> : null}
    </Stack>
  );
}

/** 支部讨论: the topics of my organisation and those above it. */
export function MyOrganisationTopicsPage() {
  const translate = useTranslate();
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.talk.my_organisations')} />
      <Typography variant="subtitle1" component="h1">
        {translate('dj.talk.my_organisations')}
      </Typography>
      <DiscussionTopics filter={{ myOrganisations: true }} />
    </Stack>
  );
}
