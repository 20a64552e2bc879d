-- Issue 16: a meeting's attendance corrected to absent takes its points back.
grant delete on points_awards to learning_app;
