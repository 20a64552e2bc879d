import {
  Alert,
  Button,
  Card,
  CardActionArea,
  CardContent,
  Checkbox,
  Chip,
  FormControlLabel,
  LinearProgress,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { DiscussionTopics } from '../discussion/DiscussionTopics';
import { MyPointsCard } from '../points/MyPointsCard';
import { useMy } from './useMy';

interface Course {
  id: string;
  name: string;
  tags: string[];
  lessonCount: number;
}
interface Lesson {
  id: string;
  position: number;
  kind: string;
  title: string;
  body: string;
  mediaId: string;
  studyMinutes: number;
}
interface Progress {
  lessonId: string;
  positionSeconds: number;
  studied: boolean;
}
interface Plan {
  studyPlan: { id: string; name: string; endsOn: string; requiredMinutes: number };
  result: { status: string; earnedMinutes: number; exam: string };
}
interface MyExam {
  exam: { id: string; name: string; timeLimitMinutes: number; closesAt: string; maxAttempts: number };
  attemptsUsed: number;
  bestScore?: number | null;
  passed: boolean;
  openAttemptId: string;
  nextAttemptAt: string;
}
interface PaperQuestion {
  questionId: string;
  kind: string;
  stem: string;
  options: string[];
  points: number;
  response: string[];
  blanks: number;
}
interface Attempt {
  id: string;
  examName: string;
  deadline: string;
  serverTime: string;
  status: string;
  questions: PaperQuestion[];
  score?: number;
  maxScore: number;
  passed?: boolean;
  autoSubmitted: boolean;
}

const hours = (minutes: number) => (minutes / 60).toFixed(1);

/** 学习: my hours and plans this year, exams open to me, and the courses. */
export function MyLearningPage() {
  const translate = useTranslate();
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const study = useMy<{
    earnedMinutes: number;
    requiredMinutes: number;
    carriedMinutes: number;
    plans: Plan[];
  }>(`/me/study-hours/${year}`);
  const exams = useMy<MyExam[]>('/me/exams');
  const courses = useMy<{ courses: { course: Course; lessonsStudied: number }[] }>('/me/courses');
  const navigate = useNavigate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [error, setError] = useState<string>();
  const start = async (examId: string) => {
    try {
      const attempt = await dataProvider.send<{ id: string }>('POST', `/me/exams/${examId}/attempts`);
      navigate(`/me/learning/attempts/${attempt.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.learn.title')} />
      <Card>
        <CardContent>
          <Typography variant="subtitle1" component="h2">
            {translate('dj.learn.hours_title', { year })}
          </Typography>
          {study.data ? (
            <>
              <Typography data-testid="study-hours">
                {translate('dj.learn.hours_line', {
                  earned: hours(study.data.earnedMinutes),
                  required: hours(study.data.requiredMinutes),
                })}
              </Typography>
              {study.data.carriedMinutes > 0 && (
                <Typography variant="body2" color="text.secondary" data-testid="carried-hours">
                  {translate('dj.learn.carried_line', { carried: hours(study.data.carriedMinutes) })}
                </Typography>
              )}
              {study.data.plans.map((plan) => (
                <Stack
                  key={plan.studyPlan.id}
                  direction="row"
                  spacing={1}
                  sx={{ alignItems: 'center', mt: 1 }}
                >
                  <Typography variant="body2" sx={{ flex: 1 }}>
                    {plan.studyPlan.name}
                  </Typography>
                  <Chip size="small" label={translate(`dj.learn.status.${plan.result.status}`)} />
                </Stack>
              ))}
            </>
          ) : null}
          {study.error ? <Alert severity="error">{study.error}</Alert> : null}
        </CardContent>
      </Card>
      <MyPointsCard />
      <Typography variant="subtitle1" component="h2">
        {translate('dj.learn.exams')}
      </Typography>
      {(exams.data ?? []).length === 0 && !exams.loading ? (
        <Typography color="text.secondary">{translate('dj.learn.no_exams')}</Typography>
      ) : null}
      {(exams.data ?? []).map((item) => (
        <Card key={item.exam.id} data-testid="my-exam">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>{item.exam.name}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('dj.learn.exam_line', {
                minutes: item.exam.timeLimitMinutes,
                closes: chinaTime(item.exam.closesAt),
                used: item.attemptsUsed,
                max: item.exam.maxAttempts,
              })}
            </Typography>
            {item.bestScore != null ? (
              <Typography variant="body2">
                {translate(item.passed ? 'dj.learn.best_passed' : 'dj.learn.best', { score: item.bestScore })}
              </Typography>
            ) : null}
            {item.openAttemptId || (item.attemptsUsed < item.exam.maxAttempts && !item.nextAttemptAt) ? (
              <Button sx={{ mt: 1 }} variant="contained" onClick={() => void start(item.exam.id)}>
                {translate(item.openAttemptId ? 'dj.learn.continue_exam' : 'dj.learn.start_exam')}
              </Button>
            ) : null}
          </CardContent>
        </Card>
      ))}
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>
          {translate('dj.learn.courses')}
        </Typography>
        <Button component={Link} to="/me/learning/discussion" size="small">
          {translate('dj.talk.my_organisations')}
        </Button>
        <Button component={Link} to="/me/learning/wrong-answers" size="small">
          {translate('dj.learn.wrong_answers')}
        </Button>
      </Stack>
      {(courses.data?.courses ?? []).map(({ course, lessonsStudied }) => (
        <Card key={course.id} data-testid="my-course">
          <CardActionArea component={Link} to={`/me/learning/courses/${course.id}`}>
            <CardContent>
              <Typography sx={{ fontWeight: 500 }}>{course.name}</Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('dj.learn.course_line', { studied: lessonsStudied, total: course.lessonCount })}
              </Typography>
              <LinearProgress
                variant="determinate"
                value={(100 * lessonsStudied) / Math.max(1, course.lessonCount)}
                sx={{ mt: 1 }}
              />
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
      {courses.error ? <Alert severity="error">{courses.error}</Alert> : null}
    </Stack>
  );
}

/** A course's lessons in order, each with whether I studied it. */
export function MyCoursePage() {
  const { id } = useParams();
  const translate = useTranslate();
  const { data, error } = useMy<{ course: Course; lessons: Lesson[]; progress: Progress[] }>(
    `/me/courses/${id}`,
  );
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return null;
  const studied = new Set(data.progress.filter((p) => p.studied).map((p) => p.lessonId));
  return (
    <Stack spacing={1.5}>
      <Title title={data.course.name} />
      <Typography variant="h6" component="h1">
        {data.course.name}
      </Typography>
      {data.lessons.map((lesson) => (
        <Card key={lesson.id} data-testid="my-lesson">
          <CardActionArea component={Link} to={`/me/learning/courses/${id}/lessons/${lesson.id}`}>
            <CardContent>
              <Typography>
                {translate('dj.courses.lesson_heading', {
                  position: lesson.position,
                  kind: translate(`dj.courses.kinds.${lesson.kind}`),
                  title: lesson.title,
                })}
              </Typography>
              <Chip
                size="small"
                sx={{ mt: 0.5 }}
                color={studied.has(lesson.id) ? 'success' : 'default'}
                label={translate(studied.has(lesson.id) ? 'dj.learn.studied' : 'dj.learn.not_studied')}
              />
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
      <Typography variant="subtitle1" component="h2">
        {translate('dj.talk.course_topics')}
      </Typography>
      <DiscussionTopics filter={{ courseId: data.course.id }} place={{ courseId: data.course.id }} />
    </Stack>
  );
}

const newSession = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * One lesson: the article, or the player. While the page is visible it beats; a beat says whether the
 * person did anything (a touch, a key, a scroll, or the media playing) since the last one, and the
 * server credits the time. A video starts where it was left, on whatever device.
 */
export function MyLessonPage() {
  const { id, lessonId } = useParams();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data, error } = useMy<{ lessons: Lesson[]; progress: Progress[] }>(`/me/courses/${id}`);
  const lesson = data?.lessons.find((l) => l.id === lessonId);
  const saved = data?.progress.find((p) => p.lessonId === lessonId);
  const [src, setSrc] = useState<string>();
  const [studied, setStudied] = useState(false);
  const media = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => setStudied(saved?.studied ?? false), [saved?.studied]);
  useEffect(() => {
    if (lesson?.mediaId) void dataProvider.mediaUrl(lesson.mediaId).then(setSrc);
  }, [dataProvider, lesson?.mediaId]);
  useEffect(() => {
    if (!lesson) return;
    const session = newSession();
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touched = () => (active = true);
    const events = ['pointerdown', 'keydown', 'scroll', 'touchstart'];
    events.forEach((name) => window.addEventListener(name, touched, { passive: true }));
    const beat = async () => {
      const player = media.current;
      const playing = player ? !player.paused && !player.ended : false;
      let next = 10;
      if (document.visibilityState === 'visible') {
        try {
          const answer = await dataProvider.send<{ progress: Progress; nextBeatSeconds: number }>(
            'POST',
            `/me/lessons/${lesson.id}/heartbeats`,
            {
              sessionId: session,
              active: active || playing,
              ...(player ? { positionSeconds: Math.floor(player.currentTime * 10) / 10 } : {}),
            },
          );
          setStudied(answer.progress.studied);
          next = answer.nextBeatSeconds;
        } catch {
          // A missed beat only means this stretch is not credited.
        }
      }
      active = false;
      timer = setTimeout(() => void beat(), next * 1000);
    };
    void beat();
    return () => {
      clearTimeout(timer);
      events.forEach((name) => window.removeEventListener(name, touched));
    };
  }, [dataProvider, lesson]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!lesson) return null;
  const resume = () => {
    if (media.current && saved?.positionSeconds) media.current.currentTime = saved.positionSeconds;
  };
  return (
    <Stack spacing={1.5}>
      <Title title={lesson.title} />
      <Typography variant="h6" component="h1">
        {lesson.title}
      </Typography>
      <Chip
        data-testid="lesson-state"
        color={studied ? 'success' : 'default'}
        label={translate(studied ? 'dj.learn.studied' : 'dj.learn.studying')}
        sx={{ alignSelf: 'flex-start' }}
      />
      {lesson.kind === 'video' && src ? (
        <video
          ref={media}
          src={src}
          controls
          playsInline
          onLoadedMetadata={resume}
          style={{ width: '100%' }}
        />
      ) : null}
      {lesson.kind === 'audio' && src ? (
        <audio ref={media} src={src} controls onLoadedMetadata={resume} style={{ width: '100%' }} />
      ) : null}
      {lesson.kind === 'document' && src ? (
        <iframe title={lesson.title} src={src} style={{ width: '100%', height: '70vh', border: 0 }} />
      ) : null}
      {lesson.body ? (
        <Typography sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>{lesson.body}</Typography>
      ) : null}
    </Stack>
  );
}

/**
 * An exam sitting: the time left by the server's clock, each answer saved as it is given (a lost
 * connection loses nothing), 交卷 at the end. Leaving the page is counted and shown to the organiser.
 */
export function MyAttemptPage() {
  const { id } = useParams();
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const [attempt, setAttempt] = useState<Attempt>();
  const [error, setError] = useState<string>();
  const [left, setLeft] = useState<number>();
  const [saving, setSaving] = useState<Record<string, 'saved' | 'failed' | 'retrying'>>({});
  // Answers not yet confirmed by the server, by question: sent again until they are (nothing is lost).
  const pending = useRef(new Map<string, string[]>());
  const retry = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(retry.current), []);
  const load = () =>
    dataProvider
      .send<Attempt>('GET', `/me/exam-attempts/${id}`)
      .then(setAttempt, (e: Error) => setError(e.message));
  useEffect(() => void load(), [id]);
  useEffect(() => {
    if (!attempt || attempt.status !== 'in_progress') return;
    // The phone's clock may be wrong: count down from the server's time.
    const skew = new Date(attempt.serverTime).getTime() - Date.now();
    const tick = () => {
      const remaining = Math.max(
        0,
        Math.floor((new Date(attempt.deadline).getTime() - (Date.now() + skew)) / 1000),
      );
      setLeft(remaining);
      if (remaining === 0) void load();
    };
    tick();
    const timer = setInterval(tick, 1000);
    const lost = () => {
      if (document.visibilityState === 'hidden')
        void dataProvider.send('POST', `/me/exam-attempts/${attempt.id}/focus-lost`).catch(() => undefined);
    };
    document.addEventListener('visibilitychange', lost);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', lost);
    };
  }, [attempt?.id, attempt?.status]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!attempt) return null;
  /** Sends every unconfirmed answer; a busy or unreachable server is tried again in 3 s. */
  const flush = async (): Promise<boolean> => {
    clearTimeout(retry.current);
    for (const [questionId, response] of [...pending.current]) {
      try {
        await dataProvider.send('PUT', `/me/exam-attempts/${attempt.id}/answers`, { questionId, response });
        if (pending.current.get(questionId) === response) pending.current.delete(questionId);
        setSaving((s) => ({ ...s, [questionId]: 'saved' }));
      } catch (e) {
        const status = (e as { status?: number }).status ?? 0;
        if (status >= 400 && status < 500) {
          // Refused for good (the time is up, a bad answer): said, not retried.
          pending.current.delete(questionId);
          setSaving((s) => ({ ...s, [questionId]: 'failed' }));
          setError((e as Error).message);
        } else {
          setSaving((s) => ({ ...s, [questionId]: 'retrying' }));
          retry.current = setTimeout(() => void flush(), 3000);
          return false;
        }
      }
    }
    return pending.current.size === 0;
  };
  const answer = async (question: PaperQuestion, response: string[]) => {
    setAttempt({
      ...attempt,
      questions: attempt.questions.map((q) =>
        q.questionId === question.questionId ? { ...q, response } : q,
      ),
    });
    pending.current.set(question.questionId, response);
    await flush();
  };
  const submit = async () => {
    if (!(await flush())) {
      setError(translate('dj.learn.unsaved_answers'));
      return;
    }
    try {
      setAttempt(await dataProvider.send<Attempt>('POST', `/me/exam-attempts/${attempt.id}/submission`));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const running = attempt.status === 'in_progress';
  return (
    <Stack spacing={1.5}>
      <Title title={attempt.examName} />
      <Typography variant="h6" component="h1">
        {attempt.examName}
      </Typography>
      {running && left !== undefined ? (
        <Alert severity={left < 60 ? 'warning' : 'info'} data-testid="time-left">
          {translate('dj.learn.time_left', {
            minutes: Math.floor(left / 60),
            seconds: String(left % 60).padStart(2, '0'),
          })}
        </Alert>
      ) : null}
      {!running ? (
        <Alert severity={attempt.passed ? 'success' : 'info'} data-testid="attempt-result">
          {attempt.status === 'grading'
            ? translate('dj.learn.awaiting_grader')
            : translate(attempt.passed ? 'dj.learn.result_passed' : 'dj.learn.result_failed', {
                score: attempt.score ?? 0,
                max: attempt.maxScore,
              })}
          {attempt.autoSubmitted ? ` ${translate('dj.learn.auto_submitted')}` : ''}
        </Alert>
      ) : null}
      {attempt.questions.map((q, n) => (
        <Card key={q.questionId} data-testid="paper-question">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>
              {translate('dj.learn.question_heading', {
                n: n + 1,
                kind: translate(`dj.learn.kinds.${q.kind}`),
                points: q.points,
              })}
            </Typography>
            <Typography sx={{ my: 1 }}>{q.stem}</Typography>
            {q.kind === 'single_choice' || q.kind === 'true_false' ? (
              <RadioGroup
                value={q.response[0] ?? ''}
                onChange={(event) => void answer(q, [event.target.value])}
              >
                {(q.kind === 'true_false' ? ['true', 'false'] : q.options.map((_, i) => String(i))).map(
                  (value, i) => (
                    <FormControlLabel
                      key={value}
                      value={value}
                      disabled={!running}
                      control={<Radio />}
                      label={
                        q.kind === 'true_false'
                          ? translate(`dj.learn.${value}`)
                          : `${String.fromCharCode(65 + i)}. ${q.options[i]}`
                      }
                    />
                  ),
                )}
              </RadioGroup>
            ) : null}
            {q.kind === 'multiple_choice'
              ? q.options.map((option, i) => (
                  <FormControlLabel
                    key={i}
                    disabled={!running}
                    control={
                      <Checkbox
                        checked={q.response.includes(String(i))}
                        onChange={(event) =>
                          void answer(
                            q,
                            event.target.checked
                              ? [...q.response, String(i)].sort()
                              : q.response.filter((r) => r !== String(i)),
                          )
                        }
                      />
                    }
                    label={`${String.fromCharCode(65 + i)}. ${option}`}
                  />
                ))
              : null}
            {q.kind === 'fill_blank'
              ? Array.from({ length: q.blanks }, (_, i) => (
                  <TextField
                    key={i}
                    fullWidth
                    size="small"
                    sx={{ mb: 1 }}
                    disabled={!running}
                    label={translate('dj.learn.blank', { n: i + 1 })}
                    defaultValue={q.response[i] ?? ''}
                    onBlur={(event) => {
                      const response = Array.from({ length: q.blanks }, (_, j) => q.response[j] ?? '');
                      response[i] = event.target.value;
                      void answer(q, response);
                    }}
                  />
                ))
              : null}
            {q.kind === 'short_answer' ? (
              <TextField
                fullWidth
                multiline
                minRows={4}
                disabled={!running}
                label={translate('dj.learn.your_answer')}
                defaultValue={q.response[0] ?? ''}
                onBlur={(event) => void answer(q, [event.target.value])}
              />
            ) : null}
            {saving[q.questionId] ? (
              <Typography
                variant="caption"
                color={saving[q.questionId] === 'saved' ? 'success.main' : 'error'}
              >
                {translate(`dj.learn.save_states.${saving[q.questionId]}`)}
              </Typography>
            ) : null}
          </CardContent>
        </Card>
      ))}
      {running ? (
        <Button variant="contained" size="large" onClick={() => void submit()}>
          {translate('dj.learn.submit')}
        </Button>
      ) : (
        <Button component={Link} to="/me/learning">
          {translate('dj.learn.back')}
        </Button>
      )}
    </Stack>
  );
}

/** 错题本: the questions I last got wrong, with the right answer. */
export function MyWrongAnswersPage() {
  const translate = useTranslate();
  const { data, error } = useMy<
    {
      questionId: string;
      examName: string;
      kind: string;
      stem: string;
      options: string[];
      answer: string[];
      response: string[];
      explanation: string;
    }[]
  >('/me/wrong-answers');
  const say = (kind: string, options: string[], values: string[]) =>
    kind === 'single_choice' || kind === 'multiple_choice'
      ? values.map((i) => `${String.fromCharCode(65 + Number(i))}. ${options[Number(i)]}`).join('；')
      : kind === 'true_false'
        ? values.map((v) => translate(`dj.learn.${v}`)).join('')
        : values.map((v) => v.split('|')[0]).join('；');
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.learn.wrong_answers')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data?.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.learn.no_wrong')}</Typography>
      ) : null}
      {(data ?? []).map((w) => (
        <Card key={w.questionId} data-testid="wrong-answer">
          <CardContent>
            <Typography variant="caption" color="text.secondary">
              {w.examName}
            </Typography>
            <Typography sx={{ my: 0.5 }}>{w.stem}</Typography>
            <Typography variant="body2" color="error">
              {translate('dj.learn.my_answer', { answer: say(w.kind, w.options, w.response) || '—' })}
            </Typography>
            <Typography variant="body2" color="success.main">
              {translate('dj.learn.right_answer', { answer: say(w.kind, w.options, w.answer) })}
            </Typography>
            {w.explanation ? (
              <Typography variant="body2" color="text.secondary" data-testid="explanation">
                {translate('dj.learn.explanation', { text: w.explanation })}
              </Typography>
            ) : null}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}
